// Filtering, sorting and counting the table: what volunteers ask of the shared table all day.
import type { Sighting } from './sighting';
import { normalise } from './search';
import { PRIORITIES, STATUSES, type Category, type Priority, type Status } from './taxonomy';

export interface SightingFilter {
  /** Empty: every status but archived. */
  statuses: Status[];
  categories: Category[];
  priorities: Priority[];
  /** Commune name or INSEE code. */
  commune: string;
  /** Free text over the post, author, place and link. */
  text: string;
}

export const EMPTY_FILTER: SightingFilter = { statuses: [], categories: [], priorities: [], commune: '', text: '' };

export const SORT_KEYS = ['createdAt', 'updatedAt', 'postedAt', 'priority', 'status', 'category', 'commune', 'platform', 'text'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface SortOrder {
  key: SortKey;
  descending: boolean;
}
export const DEFAULT_SORT: SortOrder = { key: 'createdAt', descending: true };

/** What the free-text search looks in, normalised (search.ts): post, author, place, commune, link, public title. */
export function searchText(s: Sighting): string {
  return normalise([s.text, s.authorHandle, s.placeText, s.communeName, s.url, s.publicTitle].join(' '));
}

/** A query's words, normalised as the rows' search text is. */
export function searchWords(q: string): string[] {
  return normalise(q).split(' ').filter(Boolean);
}

// The reference filter (tests compare the incremental view, core/sighting-view.ts, against it):
// rows are immutable (a change makes a new object), so a normalised text can be cached per object.
const haystacks = new WeakMap<Sighting, string>();
function haystack(s: Sighting): string {
  let h = haystacks.get(s);
  if (h === undefined) haystacks.set(s, (h = searchText(s)));
  return h;
}

// A filter's words, normalised once per filter rather than once per row (100,000 rows per keystroke).
interface Prepared {
  text: string[];
  commune: string;
  communeWords: string[];
}
const prepared = new WeakMap<SightingFilter, Prepared>();
function prepare(f: SightingFilter): Prepared {
  let p = prepared.get(f);
  if (!p) {
    const commune = f.commune.trim();
    p = { text: searchWords(f.text), commune, communeWords: searchWords(commune) };
    prepared.set(f, p);
  }
  return p;
}
const communeNames = new WeakMap<Sighting, string>();
function communeName(s: Sighting): string {
  let n = communeNames.get(s);
  if (n === undefined) communeNames.set(s, (n = normalise(s.communeName)));
  return n;
}

/** Category, priority and commune: every filter but the status and the free text. */
export function matchesFields(s: Sighting, f: SightingFilter): boolean {
  if (f.categories.length && !f.categories.includes(s.category)) return false;
  if (f.priorities.length && !f.priorities.includes(s.priority)) return false;
  const p = prepare(f);
  if (p.commune && s.communeInsee !== p.commune) {
    const name = communeName(s);
    if (!p.communeWords.every((w) => name.includes(w))) return false;
  }
  return true;
}

export function matchesExceptStatus(s: Sighting, f: SightingFilter): boolean {
  if (!matchesFields(s, f)) return false;
  const p = prepare(f);
  if (!p.text.length) return true;
  const h = haystack(s);
  return p.text.every((w) => h.includes(w));
}

export function statusMatches(s: Sighting, statuses: readonly Status[]): boolean {
  return statuses.length ? statuses.includes(s.status) : s.status !== 'archive';
}

export function filterSightings(rows: Iterable<Sighting>, f: SightingFilter): Sighting[] {
  const out: Sighting[] = [];
  for (const s of rows) if (statusMatches(s, f.statuses) && matchesExceptStatus(s, f)) out.push(s);
  return out;
}

/** Counts per status under the other filters, so the status tabs say what clicking them would show. */
export function countByStatus(rows: Iterable<Sighting>, f: SightingFilter): Record<Status, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const s of rows) if (matchesExceptStatus(s, f)) counts[s.status]++;
  return counts;
}

const rank = <T extends string>(list: readonly T[]) => (v: T) => list.indexOf(v);
const priorityRank = rank(PRIORITIES);
const statusRank = rank(STATUSES);

// Text keys: accents and case folded, numbers padded so that "n° 9" sorts before "n° 10" — computed
// once per row and column, then compared with plain < (a collator called on every comparison costs
// seconds at 100,000 rows).
const textKey = (v: string) => normalise(v.slice(0, 200)).replace(/\d+/g, (d) => d.padStart(12, '0'));

/** What a column sorts by (ties: newest first, then id). */
export function sortKey(s: Sighting, key: SortKey): string | number {
  switch (key) {
    case 'createdAt':
    case 'updatedAt':
      return s[key];
    case 'postedAt':
      return Date.parse(s.postedAt) || 0;
    case 'priority':
      return priorityRank(s.priority);
    case 'status':
      return statusRank(s.status);
    case 'commune':
      return textKey(s.communeName || s.placeText);
    default:
      return textKey(s[key]);
  }
}

const sortKeys = new WeakMap<Sighting, Partial<Record<SortKey, string | number>>>();
function sortKeyOf(s: Sighting, key: SortKey): string | number {
  let keys = sortKeys.get(s);
  if (!keys) sortKeys.set(s, (keys = {}));
  return (keys[key] ??= sortKey(s, key));
}

/** A new sorted array; ties fall back to newest first, then id, so the order is stable everywhere. */
export function sortSightings(rows: readonly Sighting[], order: SortOrder): Sighting[] {
  const sign = order.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const ka = sortKeyOf(a, order.key);
    const kb = sortKeyOf(b, order.key);
    return sign * (ka < kb ? -1 : ka > kb ? 1 : 0) || b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}
