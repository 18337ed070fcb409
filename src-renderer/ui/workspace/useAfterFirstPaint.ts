// True once the workspace has painted: a heavy part (the map: Leaflet, its workers, its view set from
// the page's first layout, ~30 ms at 100,000 sightings) mounts in a task of its own, after the table
// shows, not in the one click → table that a user waits on.
import { useEffect, useState } from 'react';

/** A hidden page paints no frame: after this long, mount anyway. */
const AT_THE_LATEST_MS = 250;

export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => setPainted(true);
    const frames = typeof requestAnimationFrame === 'function';
    const frame = frames ? requestAnimationFrame(() => (timer = setTimeout(done, 0))) : 0;
    const latest = setTimeout(done, frames ? AT_THE_LATEST_MS : 0);
    return () => {
      if (frames) cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(latest);
    };
  }, []);
  return painted;
}
