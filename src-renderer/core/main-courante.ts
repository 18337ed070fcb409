// The main courante: the COD's chronological log of the crisis, which it answers for. Pure: built
// from the verified entries only, so every line is signed by its author. Free lines are the `l`
// entries; automatic lines are derived from the signed records that already say what happened
// (forwardings, acknowledgements, verdicts, debunked rumours, members, keys, closing, relays approved), one rule per
// record kind in AUTOMATIC, never written twice. Append-only: a correction is a new `l` entry naming
// the one it corrects, which stays, shown as corrected. The same log on every copy whatever the
// order entries arrive in: lines are sorted by author time, then entry id.
import { LOG_TYPES, type LogType } from './main-courante-entry';
import type { BodyOf, Entry, Kind } from './records';
import type { Role } from './taxonomy';
import { isDebunked, type Action, type RumourVerdict, type Verdict } from './workflow';

export { LOG_TYPES, type LogType };

/** What an automatic line says; the words are the UI's (ui/main-courante/describe.ts), names are looked up there. */
export type AutoFact =
  | { what: 'created'; name: string }
  | { what: 'forward'; sightings: readonly string[]; msg: string }
  | { what: 'ack'; forwarding: string; action?: Action; note?: string }
  | { what: 'verdict'; sighting: string; verdict: Verdict; note?: string }
  | { what: 'rumour'; rumour: string; verdict: RumourVerdict; claim?: string }
  | { what: 'admit'; member: string; role: Role; label?: string }
  | { what: 'remove'; member: string }
  | { what: 'rekey'; epoch: number }
  | { what: 'closed'; closed: boolean }
  | { what: 'relayApproved'; message: string }
  | { what: 'purge'; until: string; texts: 'all' | number };

export interface LogLine {
  /** The signed entry's id. */
  id: string;
  /** Author time. */
  at: number;
  author: string;
  type: LogType;
  /** The record kind it comes from (`l` for a free line). */
  kind: Kind;
  /** A free line's text. */
  text?: string;
  /** A free line correcting an earlier one: that line's id. */
  fix?: string;
  /** An automatic line: what happened. */
  fact?: AutoFact;
}

type Derived = { type: LogType; fact: AutoFact } | null;
type Rule<K extends Kind> = (b: BodyOf<K>) => Derived;

/**
 * Which signed records make an automatic line, and of what type: one line per kind. A kind not
 * listed makes none (sightings and their edits, profiles, claims, exports are in their own views).
 */
export const AUTOMATIC: { [K in Kind]?: Rule<K> } = {
  x: (b) => ({ type: 'evenement', fact: { what: 'created', name: b.name } }),
  f: (b) => ({ type: 'demande', fact: { what: 'forward', sightings: b.s, msg: b.msg } }),
  y: (b) => ({ type: b.action ? 'decision' : 'information', fact: { what: 'ack', forwarding: b.f, ...(b.action ? { action: b.action } : {}), ...(b.note ? { note: b.note } : {}) } }),
  q: (b) => (b.check === 'verdict' && b.verdict ? { type: 'information', fact: { what: 'verdict', sighting: b.s, verdict: b.verdict, ...(b.note ? { note: b.note } : {}) } } : null),
  z: (b) => (b.verdict && isDebunked(b.verdict) ? { type: 'information', fact: { what: 'rumour', rumour: b.z, verdict: b.verdict, ...(b.claim ? { claim: b.claim } : {}) } } : null),
  m: (b) => ({ type: 'evenement', fact: { what: 'admit', member: b.m, role: b.role, ...(b.label ? { label: b.label } : {}) } }),
  r: (b) => ({ type: 'evenement', fact: { what: 'remove', member: b.m } }),
  v: (b) => ({ type: 'evenement', fact: { what: 'rekey', epoch: b.e } }),
  u: (b) => (b.closed === undefined ? null : { type: 'decision', fact: { what: 'closed', closed: b.closed } }),
  h: (b) => ({ type: 'decision', fact: { what: 'relayApproved', message: b.b } }),
  // A purge writes several certificates: its first part makes the line.
  s: (b) => (b.n === 0 ? { type: 'decision', fact: { what: 'purge', until: b.until, texts: b.all ? 'all' : b.x.length } } : null),
};

/** The line an entry makes in the log, or null. */
export function lineOf(entry: Entry): LogLine | null {
  const b = entry.body;
  const base = { id: entry.id, at: b.t, author: b.a, kind: b.k };
  if (b.k === 'l') return { ...base, type: b.type, text: b.text, ...(b.fix ? { fix: b.fix } : {}) };
  const rule = AUTOMATIC[b.k] as Rule<typeof b.k> | undefined;
  const derived = rule?.(b as never);
  return derived ? { ...base, ...derived } : null;
}

/** Author time, then id: the log's order, the same on every copy. */
export function compareLines(x: LogLine, y: LogLine): number {
  return x.at - y.at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

export class MainCourante {
  private readonly byId = new Map<string, LogLine>();
  /** Per line id, the ids of the free lines that correct it. */
  private readonly fixes = new Map<string, string[]>();
  private sorted: LogLine[] = [];
  private dirty = false;
  /** Bumped on every new line: a cheap identity for memoised views. */
  version = 0;

  /** Takes an applied entry in; true if it made a line. */
  apply(entry: Entry): boolean {
    if (this.byId.has(entry.id)) return false;
    const line = lineOf(entry);
    if (!line) return false;
    this.byId.set(line.id, line);
    if (line.fix) this.fixes.set(line.fix, [...(this.fixes.get(line.fix) ?? []), line.id]);
    // Usually the newest: appended. Otherwise sorted once when next read (a newcomer receiving a
    // whole crisis in any order must not pay one insertion per line).
    const last = this.sorted.at(-1);
    if (!this.dirty && (!last || compareLines(last, line) < 0)) this.sorted.push(line);
    else this.dirty = true;
    this.version++;
    return true;
  }

  /** Every line, oldest first. */
  lines(): readonly LogLine[] {
    if (this.dirty) {
      this.sorted = [...this.byId.values()].sort(compareLines);
      this.dirty = false;
    }
    return this.sorted;
  }

  get(id: string): LogLine | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  /** The free lines that correct a free line, oldest first (none for an automatic line: only free lines are corrected). */
  correctionsOf(id: string): LogLine[] {
    if (this.byId.get(id)?.kind !== 'l') return [];
    return (this.fixes.get(id) ?? []).map((c) => this.byId.get(c)!).sort(compareLines);
  }

  /** The version of a free line in force: its newest correction's, followed down the chain. */
  current(id: string): LogLine | undefined {
    let line = this.byId.get(id);
    const seen = new Set<string>();
    while (line && !seen.has(line.id)) {
      seen.add(line.id);
      const next = this.correctionsOf(line.id).at(-1);
      if (!next) break;
      line = next;
    }
    return line;
  }
}

export interface LogFilter {
  /** Types shown (all when empty). */
  types?: readonly LogType[];
  /** One author's lines only. */
  author?: string;
  /** Author time from (inclusive) / to (inclusive), ms. */
  from?: number;
  to?: number;
}

/** The lines a filter keeps, in the log's order. */
export function filterLog(lines: readonly LogLine[], f: LogFilter): LogLine[] {
  const types = f.types?.length ? new Set(f.types) : null;
  return lines.filter(
    (l) => (!types || types.has(l.type)) && (!f.author || l.author === f.author) && (f.from === undefined || l.at >= f.from) && (f.to === undefined || l.at <= f.to),
  );
}
