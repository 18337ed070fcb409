// What the duplicate index (duplicates.ts) reads of a sighting, and what a check asks it about: a
// sighting being captured or one already saved, with the time its post was seen.
import { seenAt, type Sighting } from './sighting';

/** What the index reads of a sighting: a row is one, and is kept as it is (rows never change; an edit is a new row). */
export type DuplicateSubject = Pick<Sighting, 'id' | 'url' | 'text' | 'communeInsee' | 'communeName' | 'lat' | 'lon' | 'precision' | 'status' | 'duplicateOf' | 'postedAt' | 'createdAt'>;

/** A sighting being captured (no id yet) or one of the crisis (its id is left out of the answers). */
export type Probe = Partial<Omit<DuplicateSubject, 'status' | 'duplicateOf' | 'postedAt' | 'createdAt'>> & {
  /** When the post was seen (ms): seenAt() of a sighting (sighting.ts). */
  time: number;
};

/** A sighting of the crisis as the probe of a check (the duplicates of one already saved). */
export function probeOf(s: DuplicateSubject): Probe {
  const { id, url, text, communeInsee, communeName, lat, lon, precision } = s;
  return { id, url, text, communeInsee, communeName, lat, lon, precision, time: seenAt(s) };
}
