// Sighting entries and their replay. Every edit is one entry naming only the fields it changed, so
// two people editing two fields of one sighting never overwrite each other; the entries are also
// the history (who, when, field, before → after). Every copy orders a sighting's entries the same
// way (compareEntries: author time, author, id), so replaying them gives every copy the same row:
// for one field, the later entry wins.
import type { BodyOf, Entry, SightingBody } from './records';
import { compareEntries } from './records';
import { BLANK_ROW, DEFAULT_FIELDS, type FieldName, type Sighting, type SightingFields } from './sighting';
import { canTransition } from './taxonomy';

/**
 * What replaying a sighting's entry needs: its order (id, author, time) and the fields it sets. The
 * values seen before (`p`) are history only, read from the journal when the history is shown.
 */
export interface ReplayEntry {
  id: string;
  body: { k: 'c' | 'e'; s: string; a: string; t: number; f: Partial<SightingFields> };
}

/** The row after one more entry; `undefined` while the sighting has no creating entry. */
export function applyChange(row: Sighting | undefined, e: ReplayEntry): Sighting | undefined {
  const b = e.body;
  if (b.k === 'c') {
    // A second creation of the same id (only a hostile client makes one) changes nothing.
    if (row) return row;
    return { ...BLANK_ROW, ...b.f, id: b.s, createdAt: b.t, createdBy: b.a, updatedAt: b.t, updatedBy: b.a } as Sighting;
  }
  if (!row) return undefined;
  const f = { ...b.f };
  // A status move that is not allowed from where the row stands (concurrent edits) is skipped.
  if (f.status !== undefined && !canTransition(row.status, f.status)) delete f.status;
  return { ...row, ...f, updatedAt: b.t, updatedBy: b.a } as Sighting;
}

/** Replays a sighting's entries (in order) into its row. */
export function replay(entries: readonly ReplayEntry[]): Sighting | undefined {
  let row: Sighting | undefined;
  for (const e of entries) row = applyChange(row, e);
  return row;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

type Unsigned<B> = Omit<B, 'a' | 't'>;

/** The entry that creates a sighting: only what differs from the defaults is written. */
export function creationBody(id: string, fields: SightingFields): Unsigned<BodyOf<'c'>> {
  const f: Partial<SightingFields> = {};
  for (const [k, v] of Object.entries(fields) as [FieldName, unknown][])
    if (!same(v, DEFAULT_FIELDS[k])) (f as Record<string, unknown>)[k] = v;
  return { k: 'c', s: id, f };
}

/** The entry for an edit, holding only the fields that really change; null if none does. */
export function editBody(row: Sighting, patch: Partial<SightingFields>): Unsigned<BodyOf<'e'>> | null {
  const f: Partial<SightingFields> = {};
  const p: Partial<SightingFields> = {};
  for (const [k, v] of Object.entries(patch) as [FieldName, unknown][]) {
    if (v === undefined || same(row[k], v)) continue;
    (f as Record<string, unknown>)[k] = v;
    (p as Record<string, unknown>)[k] = row[k];
  }
  // Latitude and longitude travel together (a peer refuses one without the other).
  if ('lat' in f !== 'lon' in f) {
    const missing = 'lat' in f ? 'lon' : 'lat';
    (f as Record<string, unknown>)[missing] = patch[missing] ?? row[missing];
    (p as Record<string, unknown>)[missing] = row[missing];
  }
  return Object.keys(f).length ? { k: 'e', s: row.id, f, p } : null;
}

export interface HistoryLine {
  at: number;
  actor: string;
  field: FieldName;
  before: unknown;
  after: unknown;
  creation: boolean;
}

/** One line per changed field, newest first, for the detail panel. */
export function historyLines(entries: readonly Entry<SightingBody>[]): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const { body: b } of entries) {
    for (const [field, after] of Object.entries(b.f) as [FieldName, unknown][]) {
      if (b.k === 'c' && same(DEFAULT_FIELDS[field], after)) continue;
      const before = b.k === 'c' ? undefined : (b.p as Partial<SightingFields>)[field];
      lines.push({ at: b.t, actor: b.a, field, before, after, creation: b.k === 'c' });
    }
  }
  return lines.reverse();
}

/**
 * The rows a tail of the record says for certain: every sighting created within `entries` (the
 * newest entries of a journal, already verified), replayed from them alone. A sighting created
 * earlier is left out (its creation is not there). What a cold open with no row cache paints first.
 */
export function rowsCreatedIn(entries: readonly Entry[]): Sighting[] {
  const bySighting = new Map<string, ReplayEntry[]>();
  for (const e of entries) {
    if (e.body.k !== 'c' && e.body.k !== 'e') continue;
    const list = bySighting.get(e.body.s);
    if (list) list.push(e as ReplayEntry);
    else bySighting.set(e.body.s, [e as ReplayEntry]);
  }
  const rows: Sighting[] = [];
  for (const list of bySighting.values()) {
    if (!list.some((e) => e.body.k === 'c')) continue;
    const row = replay(list.sort(compareEntries));
    if (row) rows.push(row);
  }
  return rows;
}
