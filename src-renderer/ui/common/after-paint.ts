// Heavy parts mount after the frame that shows what came before them: the map (Leaflet, its workers,
// its view set from the page's first layout) mounts in a task of its own after the table shows, not in
// the one click → table that a user waits on; and the map's own layers come one task after another
// (mounted together at 100,000 sightings: one task of 97 ms, 29 Nov.).
import { useEffect, useState, type ReactNode } from 'react';

/** A hidden page paints no frame: after this long, go on anyway. */
const AT_THE_LATEST_MS = 250;

/** 0 at first, then 1, 2 … up to `count`, each one frame (painted) after the one before. */
export function usePaintedStages(count: number): number {
  const [stage, setStage] = useState(0);
  useEffect(() => {
    if (stage >= count) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => setStage((s) => Math.max(s, stage + 1));
    const frames = typeof requestAnimationFrame === 'function';
    const frame = frames ? requestAnimationFrame(() => (timer = setTimeout(done, 0))) : 0;
    const latest = setTimeout(done, frames ? AT_THE_LATEST_MS : 0);
    return () => {
      if (frames) cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(latest);
    };
  }, [stage, count]);
  return stage;
}

/**
 * Its children, once what holds it has painted. A component of its own: the flip re-renders only
 * them (in the workspace, it re-rendered the whole table: 25 ms of a 65 ms task, 29 Nov.).
 */
export function AfterFirstPaint({ children }: { children: ReactNode }): ReactNode {
  return usePaintedStages(1) >= 1 ? children : null;
}
