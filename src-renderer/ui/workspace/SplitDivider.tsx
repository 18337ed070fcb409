// The handle between the table and the map: drag it, or focus it and use the arrow keys.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface Props {
  /** The map's share of the width, in percent. */
  share: number;
  onChange: (share: number) => void;
  label: string;
}

const clamp = (v: number) => Math.min(80, Math.max(20, v));

export function SplitDivider({ share, onChange, label }: Props) {
  const dragging = useRef(false);
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    const parent = e.currentTarget.parentElement!.getBoundingClientRect();
    onChange(clamp(((parent.right - e.clientX) / parent.width) * 100));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft') onChange(clamp(share + 5));
    else if (e.key === 'ArrowRight') onChange(clamp(share - 5));
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div
      className="divider"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={Math.round(share)}
      aria-valuemin={20}
      aria-valuemax={80}
      tabIndex={0}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerUp={() => (dragging.current = false)}
      onPointerMove={onPointerMove}
      onKeyDown={onKeyDown}
    />
  );
}
