// Icons drawn in SVG and shipped with the app. Emoji (✋ 👁) depend on the system's fonts and show as
// empty boxes on a Linux without an emoji font; these draw the same everywhere, in the text's colour.
// With a label an icon is an image with that name (read by screen readers); without, it is decoration.
// No <title> inside: it would join the text of the cell around it; tooltips are the caller's title.
import type { ReactNode } from 'react';

interface IconProps {
  /** What the icon means, for screen readers; omit when the text beside says it. */
  label?: string;
  className?: string;
}

function Icon({ label, className, children }: IconProps & { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      className={className ? `icon ${className}` : 'icon'}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

/** A raised hand: "Je m'en occupe", the sighting is claimed. */
export const HandIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4.5 8.5V4a1 1 0 0 1 2 0v3.5M6.5 7V2.5a1 1 0 0 1 2 0V7M8.5 7V3.2a1 1 0 0 1 2 0V7.5M10.5 7.5V5.2a1 1 0 0 1 2 0V10c0 2.7-1.8 4.5-4.3 4.5-1.8 0-2.9-.8-3.8-2.2L2.2 9.1a1 1 0 0 1 1.6-1.2l.7.9" />
  </Icon>
);

/** An eye: someone is looking at the sighting. */
export const EyeIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M1.2 8S3.7 3.5 8 3.5 14.8 8 14.8 8 12.3 12.5 8 12.5 1.2 8 1.2 8z" />
    <circle cx="8" cy="8" r="2" fill="currentColor" />
  </Icon>
);

/** A pencil: someone is editing the sighting. */
export const PencilIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M10.8 2.3l2.9 2.9-8 8H2.8v-2.9zM9.2 3.9l2.9 2.9" />
  </Icon>
);

/** A cross: close. */
export const CloseIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 4l8 8M12 4l-8 8" strokeWidth={2} />
  </Icon>
);

/** Sorted ascending (a triangle pointing up) or descending (down). */
export const SortIcon = ({ descending, ...p }: IconProps & { descending: boolean }) => (
  <Icon {...p}>
    <path d={descending ? 'M3.5 6h9L8 11.5z' : 'M3.5 10.5h9L8 5z'} fill="currentColor" stroke="none" />
  </Icon>
);

/** A curved arrow back: undo. */
export const UndoIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M5.5 3.5L2.5 6.5l3 3M2.5 6.5h7a4 4 0 0 1 0 8h-3" />
  </Icon>
);
