// Purging personal data from a closed crisis (docs/sync.md §1.9). Signed entries hold the values,
// so a purged entry cannot keep its author's signature: each is replaced by its REDACTED body (the
// same entry with the personal fields emptied), and a purge certificate (kind `s`, signed by a
// coordinator or the COD) lists, for each entry it replaces, the SHA-256 of the redacted text. From
// then on a copy accepts a redacted entry when a certificate vouches for its hash, instead of the
// author's signature, and refuses the original. The certificate holds no personal value.
//
// Redaction is deterministic (same body and scope → same text, byte for byte), so every copy
// redacts its own journal and lands on the hashes the certificate lists.
import { entryText, type Body } from './records';
import type { FieldName } from './sighting';
import { CERTIFICATE_ENTRIES } from './purge-format';

export { CERTIFICATE_ENTRIES, REDACTED_G } from './purge-format';

/**
 * The personal fields of a sighting (core/sighting.ts), emptied by every purge: the post's author
 * handle, its link (which names its author: x.com/<handle>/status/…), its media links, and the
 * private verification notes. The post's text (`text`) is purged where the coordinator chooses.
 */
export const PERSONAL_FIELDS = ['authorHandle', 'url', 'mediaUrls', 'verificationNotes'] as const satisfies readonly FieldName[];
/** Of a verification step (`q`): its free note and the links of other sources (posts). */
export const PERSONAL_CHECK_KEYS = ['note', 'links'] as const;
/** What a purged text reads. */
export const PURGED_TEXT = '[texte supprimé lors de la purge des données personnelles]';
/** What a purge removes besides the always-personal fields. */
export interface PurgeScope {
  /** Every sighting's text. */
  all: boolean;
  /** These sightings' texts (when not all). */
  x: readonly string[];
}

type Fields = Record<string, unknown>;

function emptied(f: Fields, textToo: boolean): { f: Fields; changed: boolean } {
  let changed = false;
  const out: Fields = {};
  // Key order kept: the redacted text must be the same on every copy.
  for (const [k, v] of Object.entries(f)) {
    let nv = v;
    if ((PERSONAL_FIELDS as readonly string[]).includes(k)) nv = Array.isArray(v) ? [] : '';
    else if (k === 'text' && textToo && v !== '') nv = PURGED_TEXT;
    if (JSON.stringify(nv) !== JSON.stringify(v)) changed = true;
    out[k] = nv;
  }
  return { f: out, changed };
}

/** The redacted body of an entry, or null when it holds nothing to purge. */
export function redactBody(body: Body, scope: PurgeScope): Body | null {
  if (body.k === 'c' || body.k === 'e') {
    const textToo = scope.all || scope.x.includes(body.s);
    const f = emptied(body.f, textToo);
    const p = body.k === 'e' ? emptied(body.p, textToo) : { f: {}, changed: false };
    if (!f.changed && !p.changed) return null;
    const out: Fields = {};
    for (const [k, v] of Object.entries(body)) out[k] = k === 'f' ? f.f : k === 'p' ? p.f : v;
    return out as Body;
  }
  if (body.k === 'q' && PERSONAL_CHECK_KEYS.some((k) => k in body)) {
    const out: Fields = {};
    for (const [k, v] of Object.entries(body)) if (!(PERSONAL_CHECK_KEYS as readonly string[]).includes(k)) out[k] = v;
    return out as Body;
  }
  return null;
}

export async function sha256Base64url(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let s = '';
  for (const b of digest) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Why an original is refused once a certificate replaced it (its excerpt is not kept either). */
export const PURGED_REASON = 'entrée purgée (données personnelles supprimées)';

/**
 * The purge's say on an entry before the rules: an original a certificate replaced is refused; a
 * redacted entry waits until a certificate vouches for its hash (it may come later). Null: the
 * purge has nothing to say, the rules decide.
 */
export function purgeVerdict(state: PurgeState, entry: { id: string; g?: string }): { ok: false; reason: string; pending?: boolean } | null {
  if (state.purged.has(entry.id)) return { ok: false, reason: PURGED_REASON };
  if (entry.g?.startsWith('~') && !state.vouched.has(entry.g.slice(1))) return { ok: false, reason: 'entrée expurgée sans certificat de purge', pending: true };
  return null;
}

/** One entry's redaction: its new text, the hash a certificate lists, and its `g`. */
export interface Redaction {
  original: string;
  d: string;
  hash: string;
  g: string;
}

/** Redacts an entry's text (as stored); null when nothing in it is personal. */
export async function redactEntry(original: string, d: string, scope: PurgeScope): Promise<Redaction | null> {
  const body = redactBody(JSON.parse(d) as Body, scope);
  if (!body) return null;
  const text = entryText(body);
  const hash = await sha256Base64url(text);
  return { original, d: text, hash, g: `~${hash}` };
}

/** What a copy knows of the purges it accepted: which originals are gone, which redactions are vouched. */
export class PurgeState {
  /** Original entry ids a certificate replaced. */
  readonly purged = new Set<string>();
  /** Redacted text hashes a certificate vouches for. */
  readonly vouched = new Set<string>();
  /** Certificates accepted, in arrival order. */
  readonly certificates: { id: string; a: string; t: number; e: number; until: string; all: boolean; x: string[]; h: Record<string, string>; n: number; of: number }[] = [];

  apply(id: string, b: { a: string; t: number; e: number; until: string; all: boolean; x: string[]; h: Record<string, string>; n: number; of: number }): void {
    this.certificates.push({ id, ...b });
    for (const [original, hash] of Object.entries(b.h)) {
      this.purged.add(original);
      this.vouched.add(hash);
    }
  }

  /** The certificates of the purge that opens `epoch`. */
  forEpoch(epoch: number) {
    return this.certificates.filter((c) => c.e === epoch);
  }
}

/** Splits a purge's map into certificate bodies (without k, a, t). */
export function certificateParts(e: number, until: string, scope: PurgeScope, redactions: readonly Redaction[]) {
  const of = Math.max(1, Math.ceil(redactions.length / CERTIFICATE_ENTRIES));
  return Array.from({ length: of }, (_, n) => ({
    e,
    until,
    all: scope.all,
    x: n === 0 && !scope.all ? [...scope.x] : [],
    h: Object.fromEntries(redactions.slice(n * CERTIFICATE_ENTRIES, (n + 1) * CERTIFICATE_ENTRIES).map((r) => [r.original, r.hash])),
    n,
    of,
  }));
}
