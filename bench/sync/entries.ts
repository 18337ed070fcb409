// Log entries as Vigie writes them (store/crisis-store.ts): one creation entry per sighting, from
// the same seeded flood sightings as the store bench (bench/page/rows.ts), and one-field edits.
import { DEFAULT_FIELDS, type SightingFields } from '../../src-renderer/core/sighting';
import { newId } from '../../src-renderer/core/ids';
import { makeInputs } from '../page/rows';

export interface LogEntry {
  s: string;
  t: number;
  a: string;
  k?: 'c';
  f: Partial<SightingFields>;
  p?: Partial<SightingFields>;
}

/** Only what differs from the defaults goes into the log, as CrisisStore.createMany does. */
function nonDefault(f: SightingFields): Partial<SightingFields> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f) as [keyof SightingFields, unknown][])
    if (JSON.stringify(v) !== JSON.stringify(DEFAULT_FIELDS[k])) out[k] = v;
  return out as Partial<SightingFields>;
}

/** n creation entries, as n sightings captured (or imported) by `actor`. */
export function creationEntries(n: number, actor: string, t = Date.now()): LogEntry[] {
  return makeInputs(n).map((input) => ({ s: newId(), t, a: actor, k: 'c' as const, f: nonDefault({ ...DEFAULT_FIELDS, ...input }) }));
}

/** One edit of one field, as CrisisStore.update logs it (the brief's `{s, t, a, f: {priority: 'P1'}}`). */
export function priorityEdit(sighting: string, actor: string): LogEntry {
  return { s: sighting, t: Date.now(), a: actor, f: { priority: 'P1' } };
}
