// The replicated change log and its replay. Every edit is one entry naming only the fields it
// changed, so two people editing two fields of one sighting never overwrite each other; the log is
// also the history (who, when, field, before → after). Every copy holds the same entries in the
// same order, so replaying them in order gives every copy the same rows: for one field, the entry
// later in the log wins.
import { DEFAULT_FIELDS, isFieldName, isValidField, type FieldName, type Sighting, type SightingFields } from './sighting';

export interface Change {
  /** sighting id */
  s: string;
  /** author's clock, ms since epoch */
  t: number;
  /** author's actor id */
  a: string;
  /** 'c' when this entry creates the sighting */
  k?: 'c';
  /** fields set by this entry */
  f: Partial<SightingFields>;
  /** the values the author saw before (absent on creation) */
  p?: Partial<SightingFields>;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Accepts an entry from any peer: keeps it only if its shape is sound, and keeps only the fields
 * whose values are valid. Returns null for anything else (garbage never reaches a row).
 */
export function parseChange(raw: unknown): Change | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.s !== 'string' || !ID.test(r.s)) return null;
  if (typeof r.a !== 'string' || !ID.test(r.a)) return null;
  if (typeof r.t !== 'number' || !Number.isFinite(r.t)) return null;
  if (!r.f || typeof r.f !== 'object') return null;
  if (r.k !== undefined && r.k !== 'c') return null;
  if (r.p !== undefined && (!r.p || typeof r.p !== 'object')) return null;
  const f: Partial<SightingFields> = {};
  let dropped = false;
  for (const [k, v] of Object.entries(r.f)) {
    if (isFieldName(k) && isValidField(k, v)) (f as Record<string, unknown>)[k] = v;
    else dropped = true;
  }
  // A sound entry is used as it is: no copy of 100k rows' worth of data in memory.
  if (!dropped) return raw as Change;
  const change: Change = { s: r.s, t: r.t, a: r.a, f };
  if (r.k === 'c') change.k = 'c';
  if (r.p) change.p = r.p as Partial<SightingFields>;
  return change;
}

/** The row after one more entry; `undefined` while the sighting has no creating entry. */
export function applyChange(row: Sighting | undefined, c: Change): Sighting | undefined {
  if (!row) {
    if (c.k !== 'c') return undefined;
    return { ...DEFAULT_FIELDS, ...c.f, id: c.s, createdAt: c.t, createdBy: c.a, updatedAt: c.t, updatedBy: c.a };
  }
  return { ...row, ...c.f, updatedAt: c.t, updatedBy: c.a };
}

/** Replays a sighting's entries (in log order) into its row. */
export function replay(entries: readonly Change[]): Sighting | undefined {
  let row: Sighting | undefined;
  for (const c of entries) row = applyChange(row, c);
  return row;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The entry that creates a sighting: only what differs from the defaults goes into the log. */
export function creationChange(id: string, fields: SightingFields, actor: string, now: number): Change {
  const f: Partial<SightingFields> = {};
  for (const [k, v] of Object.entries(fields) as [FieldName, unknown][])
    if (!same(v, DEFAULT_FIELDS[k])) (f as Record<string, unknown>)[k] = v;
  return { s: id, t: now, a: actor, k: 'c', f };
}

/** The entry to log for an edit, holding only the fields that really change; null if none does. */
export function editChange(row: Sighting, patch: Partial<SightingFields>, actor: string, now: number): Change | null {
  const f: Partial<SightingFields> = {};
  const p: Partial<SightingFields> = {};
  for (const [k, v] of Object.entries(patch) as [FieldName, unknown][]) {
    if (v === undefined || same(row[k], v)) continue;
    (f as Record<string, unknown>)[k] = v;
    (p as Record<string, unknown>)[k] = row[k];
  }
  return Object.keys(f).length ? { s: row.id, t: now, a: actor, f, p } : null;
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
export function historyLines(entries: readonly Change[]): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const c of entries) {
    for (const [field, after] of Object.entries(c.f) as [FieldName, unknown][]) {
      if (c.k === 'c' && same(DEFAULT_FIELDS[field], after)) continue;
      const before = c.k === 'c' ? undefined : c.p?.[field];
      lines.push({ at: c.t, actor: c.a, field, before, after, creation: c.k === 'c' });
    }
  }
  return lines.reverse();
}
