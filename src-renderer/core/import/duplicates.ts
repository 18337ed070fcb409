// Rows whose link is already in the crisis (same post, compared by core/url-key.ts) or earlier in the
// same file. They are reported, never doubled: skipped by default, or imported linked to the existing
// sighting (relatedIds) when the user asks.
import type { SightingFields } from '../sighting';
import { urlKey } from '../url-key';

export interface Duplicate {
  line: number;
  url: string;
  /** The sighting of the crisis with the same link. */
  existingId?: string;
  /** Or the earlier row of this file with the same link. */
  firstLine?: number;
  input: Partial<SightingFields>;
}

/** Link key → id of the crisis's sightings (the first one met wins). */
export function existingLinks(rows: Iterable<{ id: string; url: string }>): Map<string, string> {
  const keys = new Map<string, string>();
  for (const r of rows) {
    if (!r.url) continue;
    const k = urlKey(r.url);
    if (k && !keys.has(k)) keys.set(k, r.id);
  }
  return keys;
}

export class DuplicateFinder {
  private readonly seen = new Map<string, number>();
  constructor(private readonly existing: ReadonlyMap<string, string>) {}

  /** The duplicate this row is, or null (then its link is remembered for the rows after it). */
  check(line: number, input: Partial<SightingFields>): Duplicate | null {
    if (!input.url) return null;
    const k = urlKey(input.url);
    if (!k) return null;
    const existingId = this.existing.get(k);
    if (existingId) return { line, url: input.url, existingId, input };
    const firstLine = this.seen.get(k);
    if (firstLine !== undefined) return { line, url: input.url, firstLine, input };
    this.seen.set(k, line);
    return null;
  }
}
