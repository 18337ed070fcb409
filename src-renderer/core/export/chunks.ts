// Long exports (100,000 sightings) are built in slices, giving the event loop back between them so
// the window keeps answering, and reporting progress.

import { yieldToEventLoop } from '../slicer';

export type Progress = (done: number, total: number) => void;

export const CHUNK = 5000;

/** Maps `items` to strings slice by slice, yielding between slices. */
export async function mapInChunks<T, R>(items: readonly T[], map: (item: T, index: number) => R, progress?: Progress, size = CHUNK): Promise<R[]> {
  const out: R[] = new Array(items.length);
  for (let start = 0; start < items.length; start += size) {
    const end = Math.min(items.length, start + size);
    for (let i = start; i < end; i++) out[i] = map(items[i]!, i);
    progress?.(end, items.length);
    if (end < items.length) await yieldToEventLoop();
  }
  if (items.length === 0) progress?.(0, 0);
  return out;
}
