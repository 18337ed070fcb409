// Likely duplicates of a sighting, found on the device: the same post by its link (core/url-key.ts),
// a near-identical text (core/duplicate-text.ts), the same place at about the same time
// (core/duplicate-place.ts). The index is kept up to date one sighting at a time, so a check per
// keystroke of the capture form stays well within a frame at 100,000 sightings: a link is one map
// lookup, a text is its signature looked up by bands (locality-sensitive hashing: only the posts that
// share a band with it are compared), a place is its commune's or its grid cells' sightings.
import { cellOf, cellsAround, distanceMeters, isPrecise, NEAR_METERS, PLACE_WINDOW_MINUTES } from './duplicate-place';
import { BAND_ROWS, BANDS, minhash, SIG_SIZE, signatureAgreement, textShingles, textSimilarity, uniqueTrigrams, MIN_SHINGLES } from './duplicate-text';
import type { DuplicateSubject, Probe } from './duplicate-subject';
import { seenAt } from './sighting';
import type { Status } from './taxonomy';
import { urlHash, urlKey } from './url-key';

export type Reason =
  | { kind: 'link' }
  | { kind: 'text'; similarity: number }
  | { kind: 'place'; sameCommune: boolean; communeName: string; meters: number | null; minutes: number };

export interface Candidate {
  id: string;
  score: number;
  reasons: Reason[];
}

/** Estimated Jaccard from signatures under which a candidate is not worth an exact comparison. */
const ESTIMATE_MIN = 0.4;
/** Exact text similarity from which two posts are called the same text. */
export const TEXT_MIN = 0.55;
/** Posts whose signature is compared per check, at most. */
const VISIT_MAX = 1000;
/** Exact comparisons per check (the best estimates). */
const EXACT_MAX = 8;
/** Same-place-only candidates shown at most (a busy commune has many sightings an hour). */
const PLACE_ONLY_MAX = 3;

interface Entry {
  /** The row itself: 100,000 of them are held by the store anyway (a copy of 11 fields was ~15 MB). */
  subject: DuplicateSubject;
  /** seenAt(subject), read for every sighting of a commune a check looks at. */
  time: number;
  /** urlHash() of its link's key, -1 without a link. */
  urlHash: number;
  /** Row of its signature in `sigs`, or -1 when its text is too short to compare. */
  slot: number;
  cell: number | null;
}

/** One value or several under a key, without an array for the usual single one. */
function addTo<K, V>(map: Map<K, V | V[]>, key: K, value: V): void {
  const old = map.get(key);
  if (old === undefined) map.set(key, value);
  else if (Array.isArray(old)) old.push(value);
  else map.set(key, [old, value]);
}
function removeFrom<K, V>(map: Map<K, V | V[]>, key: K, value: V): void {
  const old = map.get(key);
  if (old === undefined) return;
  if (!Array.isArray(old)) {
    if (old === value) map.delete(key);
    return;
  }
  const i = old.indexOf(value);
  if (i >= 0) old.splice(i, 1);
  if (old.length === 1) map.set(key, old[0]!);
}
function forEachIn<V>(value: V | V[] | undefined, f: (v: V) => void): void {
  if (value === undefined) return;
  if (Array.isArray(value)) for (const v of value) f(v);
  else f(value);
}

export class DuplicateIndex {
  private readonly entries = new Map<string, Entry>();
  /** By urlHash: the keys themselves were 100,000 strings; a hit is checked against the key (hashes may collide). */
  private readonly byUrl = new Map<number, string | string[]>();
  private readonly byCommune = new Map<string, Set<string>>();
  private readonly byCell = new Map<number, string | string[]>();
  private readonly bands = new Map<number, number | number[]>();
  /** id → the sightings linked to it as its duplicates. */
  private readonly linked = new Map<string, Set<string>>();
  private sigs = new Uint32Array(SIG_SIZE * 1024);
  private readonly slotIds: (string | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  /** Per slot, the last check that met it (dedupes candidates without a Set per check). */
  private seen = new Uint32Array(1024);
  private check = 0;
  /** Trigram sets of recent candidates: typing re-checks the same few. */
  private readonly shingleCache = new Map<string, { text: string; set: Uint32Array }>();
  private readonly probeSig = new Uint32Array(SIG_SIZE);

  get size(): number {
    return this.entries.size;
  }
  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Adds or replaces a sighting. */
  set(s: DuplicateSubject): void {
    const old = this.entries.get(s.id);
    if (old && old.subject === s) return;
    if (old) {
      // Only what changed is re-indexed: a status change (the usual edit) touches no text or link.
      if (old.subject.text === s.text && old.subject.url === s.url && samePlace(old, s)) {
        this.unlink(old.subject);
        old.subject = s;
        this.link(s);
        return;
      }
      this.remove(s.id);
    }
    const key = s.url ? urlKey(s.url) : '';
    const entry: Entry = { subject: s, time: seenAt(s), urlHash: key ? urlHash(key) : -1, slot: -1, cell: null };
    if (key) addTo(this.byUrl, entry.urlHash, s.id);
    if (s.communeInsee) {
      let set = this.byCommune.get(s.communeInsee);
      if (!set) this.byCommune.set(s.communeInsee, (set = new Set()));
      set.add(s.id);
    }
    if (s.lat !== null && s.lon !== null && isPrecise(s.precision)) {
      entry.cell = cellOf(s.lat, s.lon);
      addTo(this.byCell, entry.cell, s.id);
    }
    const count = uniqueTrigrams(s.text);
    if (count >= MIN_SHINGLES) {
      entry.slot = this.newSlot(s.id);
      minhash(uniqueTrigrams.values, this.sigs, entry.slot * SIG_SIZE, count);
      for (let b = 0; b < BANDS; b++) addTo(this.bands, this.bandKey(this.sigs, entry.slot * SIG_SIZE, b), entry.slot);
    }
    this.entries.set(s.id, entry);
    this.link(s);
  }

  remove(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    const s = e.subject;
    if (e.urlHash >= 0) removeFrom(this.byUrl, e.urlHash, id);
    if (s.communeInsee) this.byCommune.get(s.communeInsee)?.delete(id);
    if (e.cell !== null) removeFrom(this.byCell, e.cell, id);
    if (e.slot >= 0) {
      for (let b = 0; b < BANDS; b++) removeFrom(this.bands, this.bandKey(this.sigs, e.slot * SIG_SIZE, b), e.slot);
      this.slotIds[e.slot] = undefined;
      this.freeSlots.push(e.slot);
    }
    this.unlink(s);
    this.shingleCache.delete(id);
    this.entries.delete(id);
  }

  /** The sightings linked to `id` as its duplicates ("Sources liées"). */
  duplicatesOf(id: string): string[] {
    return [...(this.linked.get(id) ?? [])];
  }

  /** The likely duplicates of `probe`, best first. Archived sightings are left out. */
  candidates(probe: Probe, limit = 5): Candidate[] {
    const found = new Map<string, Candidate>();
    const add = (id: string, reason: Reason) => {
      if (id === probe.id) return;
      const e = this.entries.get(id);
      if (!e || e.subject.status === 'archive') return;
      let c = found.get(id);
      if (!c) found.set(id, (c = { id, score: 0, reasons: [] }));
      c.reasons.push(reason);
    };
    const key = probe.url ? urlKey(probe.url) : '';
    if (key) forEachIn(this.byUrl.get(urlHash(key)), (id) => urlKey(this.entries.get(id)!.subject.url) === key && add(id, { kind: 'link' }));
    if (probe.text) for (const [id, similarity] of this.similarTexts(probe.text)) add(id, { kind: 'text', similarity });
    this.samePlace(probe, add);

    const out = [...found.values()];
    for (const c of out) c.score = score(c, this.entries.get(c.id)!.subject.status);
    out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    let placeOnly = 0;
    return out
      .filter((c) => c.reasons.some((r) => r.kind !== 'place') || placeOnly++ < PLACE_ONLY_MAX)
      .slice(0, limit)
      .map((c) => ({ ...c, reasons: c.reasons.sort((a, b) => ORDER[a.kind] - ORDER[b.kind]) }));
  }

  /** Ids whose text is at least TEXT_MIN similar to `text`, with the exact similarity. */
  private similarTexts(text: string): [string, number][] {
    const set = textShingles(text);
    if (set.length < MIN_SHINGLES) return [];
    minhash(set, this.probeSig);
    const check = ++this.check;
    if (this.seen.length < this.slotIds.length) this.seen = grow(this.seen, this.slotIds.length);
    // Smallest buckets first, and no more than VISIT_MAX posts compared: a post identical to this
    // one shares every band with it, so it is in the smallest; the large buckets are the phrases
    // thousands of posts share ("l'eau arrive dans les maisons").
    const buckets: (number | number[])[] = [];
    for (let b = 0; b < BANDS; b++) {
      const bucket = this.bands.get(this.bandKey(this.probeSig, 0, b));
      if (bucket !== undefined) buckets.push(bucket);
    }
    buckets.sort((x, y) => (Array.isArray(x) ? x.length : 1) - (Array.isArray(y) ? y.length : 1));
    const estimates: [number, number][] = [];
    let visited = 0;
    for (const bucket of buckets) {
      for (const slot of Array.isArray(bucket) ? bucket : [bucket]) {
        if (this.seen[slot] === check) continue;
        this.seen[slot] = check;
        const estimate = signatureAgreement(this.sigs, slot * SIG_SIZE, this.probeSig);
        if (estimate >= ESTIMATE_MIN) estimates.push([slot, estimate]);
        if (++visited >= VISIT_MAX) break;
      }
      if (visited >= VISIT_MAX) break;
    }
    estimates.sort((a, b) => b[1] - a[1]);
    const out: [string, number][] = [];
    for (const [slot] of estimates.slice(0, EXACT_MAX)) {
      const id = this.slotIds[slot]!;
      const similarity = textSimilarity(set, this.shinglesOf(id));
      if (similarity >= TEXT_MIN) out.push([id, similarity]);
    }
    return out;
  }

  private samePlace(probe: Probe, add: (id: string, r: Reason) => void): void {
    const window = PLACE_WINDOW_MINUTES * 60_000;
    const near = new Map<string, number>();
    const precise = probe.lat != null && probe.lon != null && isPrecise(probe.precision ?? 'commune');
    if (precise)
      for (const cell of cellsAround(probe.lat!, probe.lon!))
        forEachIn(this.byCell.get(cell), (id) => {
          const { subject: s, time } = this.entries.get(id)!;
          if (Math.abs(time - probe.time) > window) return;
          const m = distanceMeters(probe.lat!, probe.lon!, s.lat!, s.lon!);
          if (m <= NEAR_METERS) near.set(id, m);
        });
    const commune = probe.communeInsee ? this.byCommune.get(probe.communeInsee) : undefined;
    const reason = ({ subject: s, time }: Entry, meters: number | null): Reason => ({
      kind: 'place',
      sameCommune: !!probe.communeInsee && s.communeInsee === probe.communeInsee,
      communeName: s.communeName,
      meters,
      minutes: Math.round(Math.abs(time - probe.time) / 60_000),
    });
    if (commune)
      for (const id of commune) {
        const e = this.entries.get(id)!;
        if (Math.abs(e.time - probe.time) <= window) add(id, reason(e, near.get(id) ?? null));
      }
    for (const [id, m] of near) if (!commune?.has(id)) add(id, reason(this.entries.get(id)!, m));
  }

  private shinglesOf(id: string): Uint32Array {
    const text = this.entries.get(id)!.subject.text;
    const cached = this.shingleCache.get(id);
    if (cached && cached.text === text) return cached.set;
    const set = textShingles(text);
    if (this.shingleCache.size >= 1024) this.shingleCache.delete(this.shingleCache.keys().next().value!);
    this.shingleCache.set(id, { text, set });
    return set;
  }

  /**
   * One key per band of BAND_ROWS signature values, the band's number mixed in. 30 bits: a small
   * integer, stored in the map as is (a 32-bit key is a boxed number, and there are a million keys).
   */
  private bandKey(sig: Uint32Array, at: number, band: number): number {
    let h = band + 1;
    for (let r = 0; r < BAND_ROWS; r++) h = Math.imul(h ^ sig[at + band * BAND_ROWS + r]!, 0x01000193) ^ (h >>> 15);
    return h & 0x3fffffff;
  }

  private newSlot(id: string): number {
    const slot = this.freeSlots.pop() ?? this.slotIds.length;
    this.slotIds[slot] = id;
    if ((slot + 1) * SIG_SIZE > this.sigs.length) this.sigs = grow(this.sigs, (slot + 1) * SIG_SIZE);
    return slot;
  }

  private link(s: DuplicateSubject): void {
    if (!s.duplicateOf) return;
    let set = this.linked.get(s.duplicateOf);
    if (!set) this.linked.set(s.duplicateOf, (set = new Set()));
    set.add(s.id);
  }
  private unlink(s: DuplicateSubject): void {
    if (!s.duplicateOf) return;
    const set = this.linked.get(s.duplicateOf);
    set?.delete(s.id);
    if (set?.size === 0) this.linked.delete(s.duplicateOf);
  }
}

const ORDER: Record<Reason['kind'], number> = { link: 0, text: 1, place: 2 };

/**
 * Link 1, text its similarity, both together a little more, place a little more for a closer time
 * and position; a place alone ranks under any link or text. A sighting already marked duplicate ranks under its peers: the
 * original is the one to link to.
 */
function score(c: Candidate, status: Status): number {
  let best = 0;
  let place = 0;
  let strong = 0;
  for (const r of c.reasons) {
    if (r.kind === 'link') best = Math.max(best, 1 + 0.1 * strong++);
    else if (r.kind === 'text') best = Math.max(best, r.similarity + 0.1 * strong++);
    else place = 0.5 * (1 - r.minutes / (PLACE_WINDOW_MINUTES + 1)) + (r.meters !== null ? 0.5 * (1 - r.meters / (NEAR_METERS + 1)) : r.sameCommune ? 0.25 : 0);
  }
  const s = best > 0 ? best + 0.1 * place : 0.4 * place;
  return status === 'doublon' ? s - 0.05 : s;
}

function samePlace({ subject: a, time }: Entry, b: DuplicateSubject): boolean {
  return a.communeInsee === b.communeInsee && a.lat === b.lat && a.lon === b.lon && a.precision === b.precision && time === seenAt(b);
}

function grow(a: Uint32Array, atLeast: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(Math.max(atLeast, a.length * 2));
  b.set(a);
  return b;
}
