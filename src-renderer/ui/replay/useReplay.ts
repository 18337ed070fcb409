// The replay's clock: the record read once from the journal (store.record), a Replay over it, the
// time shown, and play/pause at a chosen speed. The state is moved forward incrementally while
// playing; dragging the slider back rebuilds it (core/replay.ts).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Replay } from '../../core/replay';
import { useCrisisStore } from '../session';

/** Simulated seconds per real second. */
export const SPEEDS = [60, 600, 3600] as const;
export type Speed = (typeof SPEEDS)[number];
const TICK_MS = 100;
/** The slider's step. Its end is rounded up to a whole step: a range input snaps to min + k × step, so the last entry stays reachable. */
export const STEP_MS = 1000;

function lastTime(r: Replay): number {
  return r.start + Math.ceil((r.end - r.start) / STEP_MS) * STEP_MS;
}

export function useReplay(onError: (e: unknown) => void) {
  const store = useCrisisStore();
  const [replay, setReplay] = useState<Replay | null>(null);
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(600);
  const [reads, setReads] = useState(0);

  useEffect(() => {
    let live = true;
    store.record().then((entries) => {
      if (!live) return;
      const r = new Replay(store.crisis.id, entries);
      setReplay(r);
      setTime(lastTime(r));
    }, onError);
    return () => {
      live = false;
    };
  }, [store, reads, onError]);

  const start = replay?.start ?? 0;
  const end = replay ? lastTime(replay) : 0;
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setTime((t) => {
        const next = Math.min(end, t + speed * TICK_MS);
        if (next >= end) setPlaying(false);
        return next;
      });
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, end, speed]);

  // Seeking mutates the replay's state: the rows are read again for every new time.
  const state = useMemo(() => (replay ? replay.seek(time) : null), [replay, time]);
  const play = useCallback(() => {
    if (!replay) return;
    // From the start again once at the end.
    if (time >= end) setTime(start);
    setPlaying(true);
  }, [replay, time, start, end]);
  return { replay, state, start, end, time, setTime, playing, play, pause: () => setPlaying(false), speed, setSpeed, reload: () => setReads((n) => n + 1) };
}
