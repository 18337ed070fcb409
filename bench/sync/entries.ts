// Log entries as Vigie writes them (store/crisis-store.ts): one creation entry per sighting, from
// the same seeded flood sightings as the store bench (bench/page/rows.ts), and one-field edits.
import { creationChange, type Change } from '../../src-renderer/core/changes';
import { DEFAULT_FIELDS } from '../../src-renderer/core/sighting';
import { newId } from '../../src-renderer/core/ids';
import { makeInputs } from '../page/rows';

export type LogEntry = Change;

/** n creation entries, as n sightings captured (or imported) by `actor`. */
export function creationEntries(n: number, actor: string, t = Date.now()): LogEntry[] {
  return makeInputs(n).map((input) => creationChange(newId(), { ...DEFAULT_FIELDS, ...input }, actor, t));
}

/** One edit of one field, as CrisisStore.update logs it (the brief's `{s, t, a, f: {priority: 'P1'}}`). */
export function priorityEdit(sighting: string, actor: string): LogEntry {
  return { s: sighting, t: Date.now(), a: actor, f: { priority: 'P1' } };
}
