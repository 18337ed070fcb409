// The signed entries of a crisis's record: what each kind holds, and what a sound one looks like.
// Every entry travels as `{ d, g }`: `d` the JSON text of its body, `g` its author's Ed25519
// signature of `crisisId + "\n" + d` (so an entry cannot be replayed into another crisis). Nothing
// a peer sends is trusted: each body is checked here with zod (unknown keys dropped, times in a
// sane range, fields valid one by one, latitude and longitude together) before any rule is applied.
import { z } from 'zod';
import { ACTOR_ID, SIGNATURE } from './signing';
import { isDepartementCode } from './departements';
import { FIELD_SCHEMAS, type SightingFields } from './sighting';
import { AUTHOR_KINDS, HAZARDS, ROLES } from './taxonomy';
import { ACTIONS, CHECKS, RUMOUR_VERDICTS, VERDICTS } from './workflow';
import { isSafeHttpUrl } from './links';
import { relaySchemas } from './relay-kit';

/** What the shared document carries, one per entry. */
export interface Envelope {
  d: string;
  g: string;
}

/** Bodies larger than this are refused unread (a sighting's biggest text is 20,000 characters). */
export const MAX_ENTRY_CHARS = 96 * 1024;
/** 2000-01-01 … 2100-01-01: a time outside is a broken or hostile clock. */
export const MIN_TIME = 946_684_800_000;
export const MAX_TIME = 4_102_444_800_000;
/** A claim ("Je m'en occupe") lasts at most this long; renewing it is a new entry. */
export const MAX_CLAIM_MS = 30 * 60_000;

const actor = z.string().regex(ACTOR_ID);
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const time = z.number().int().min(MIN_TIME).max(MAX_TIME);
const name = z.string().trim().min(1).max(80);
const organisation = z.string().max(120);

const fields = z.object(FIELD_SCHEMAS).partial();
const note = z.string().max(2000);
const link = z.string().max(2048).refine((v) => isSafeHttpUrl(v));
const ids = z.array(id).min(1).max(500);

const crisisInfo = {
  name: z.string().trim().min(1).max(120),
  departement: z.string().refine(isDepartementCode),
  hazard: z.enum(HAZARDS),
  startedAt: z.string().max(40).refine((v) => !Number.isNaN(Date.parse(v))),
};

const base = { a: actor, t: time };

const schemas = {
  /** The crisis's first entry: its id is this entry's id, its author the crisis's creator. */
  x: z.object({ k: z.literal('x'), ...base, n: z.string().regex(/^[A-Za-z0-9_-]{16,43}$/), ...crisisInfo }),
  /** The crisis's name, département, hazard or start changed; `closed` closes or reopens it. */
  u: z.object({ k: z.literal('u'), ...base, ...crisisInfo, closed: z.boolean().optional() }),
  /** A sighting created: the fields that differ from the defaults. */
  c: z.object({ k: z.literal('c'), ...base, s: id, f: fields }),
  /** A sighting edited: the fields set, and the values the author saw before. */
  e: z.object({ k: z.literal('e'), ...base, s: id, f: fields, p: fields }),
  /** A member admitted, or their role changed, by a member allowed to admit. `m` may be an invitation's key. */
  m: z.object({ k: z.literal('m'), ...base, m: actor, role: z.enum(ROLES), label: z.string().max(80).optional() }),
  /**
   * A member's profile, by the member. With `i` and `w` it also binds this device's key to an
   * invitation: `w` is the invitation key `i`'s signature of the joiner's id.
   */
  p: z.object({
    k: z.literal('p'),
    ...base,
    name,
    organisation,
    x: z.string().regex(ACTOR_ID).optional(),
    i: actor.optional(),
    w: z.string().regex(SIGNATURE).optional(),
  }),
  /** A member removed (lost laptop): nothing they sign after `t` is accepted. */
  r: z.object({ k: z.literal('r'), ...base, m: actor }),
  /** "Je m'en occupe" until `u`; `u = t` releases it. */
  k: z.object({ k: z.literal('k'), ...base, s: id, u: time }),
  /**
   * A file that left Vigie (public map, exports): its format, scope, how many sightings, the SHA-256
   * of its bytes (hex). Visible to all members, so what was published can be answered for.
   */
  o: z.object({
    k: z.literal('o'),
    ...base,
    format: z.string().regex(/^[a-z0-9-]{1,24}$/),
    scope: z.enum(['public', 'restricted']),
    count: z.number().int().min(0).max(10_000_000),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    name: z.string().max(200).optional(),
  }),
  /** A new epoch: a new crisis key, sealed for each remaining member (by id). */
  v: z.object({ k: z.literal('v'), ...base, e: z.number().int().min(1).max(1_000_000), w: z.record(actor, z.string().max(400)) }),
  /**
   * A verification step on a sighting: one check done (or undone, `ok: false`) with its details, or
   * the verdict. The latest step of each check (in the entries' order) is the one shown.
   */
  q: z.object({
    k: z.literal('q'),
    ...base,
    s: id,
    check: z.enum([...CHECKS, 'verdict']),
    ok: z.boolean().optional(),
    verdict: z.enum(VERDICTS).optional(),
    sourceKind: z.enum(AUTHOR_KINDS).optional(),
    links: z.array(link).max(20).optional(),
    by: z.string().max(200).optional(),
    note: note.optional(),
  }),
  /** Sightings forwarded to the COD with a message (a coordinator or the COD). Its id names the forwarding. */
  f: z.object({ k: z.literal('f'), ...base, s: ids, msg: note }),
  /** The COD acknowledges a forwarding (`f` = its entry id), and says what it did with it once it has. */
  y: z.object({ k: z.literal('y'), ...base, f: id, action: z.enum(ACTIONS).optional(), note: note.optional() }),
  /**
   * A rumour created (the first entry naming `z`, with its claim) or edited: each field present is
   * set (the later entry wins), `add`/`drop` link or unlink sightings that carry it.
   */
  z: z.object({
    k: z.literal('z'),
    ...base,
    z: id,
    claim: z.string().trim().min(1).max(500).optional(),
    verdict: z.enum(RUMOUR_VERDICTS).optional(),
    evidence: z.string().max(5000).optional(),
    correction: z.string().max(2000).optional(),
    link: z.union([link, z.literal('')]).optional(),
    isPublic: z.boolean().optional(),
    add: z.array(id).max(500).optional(),
    drop: z.array(id).max(500).optional(),
  }),
  /** The relay kit's messages (`b`), the COD's approvals (`h`) and relays (`d`): core/relay-kit.ts. */
  ...relaySchemas(base, id, link),
} as const;

export type Kind = keyof typeof schemas;
export type Body = { [K in Kind]: z.infer<(typeof schemas)[K]> }[Kind];
export type BodyOf<K extends Kind> = z.infer<(typeof schemas)[K]>;
export type SightingBody = BodyOf<'c'> | BodyOf<'e'>;
/** A body before its author and time are set (by the store, when it signs). */
export type UnsignedBody = { [K in Kind]: Omit<BodyOf<K>, 'a' | 't'> }[Kind];

/** An entry as the record keeps it in memory: its id and what it says (verified). */
export interface Entry<B extends Body = Body> {
  /** SHA-256 of the signed text `d`, first 128 bits, base64url. */
  id: string;
  body: B;
}

export type ParseResult = { ok: true; body: Body } | { ok: false; reason: string };

/** Checks an envelope's shape before any cryptography is spent on it. */
export function isEnvelope(v: unknown): v is Envelope {
  if (!v || typeof v !== 'object') return false;
  const { d, g } = v as Record<string, unknown>;
  return typeof d === 'string' && d.length <= MAX_ENTRY_CHARS && typeof g === 'string' && SIGNATURE.test(g);
}

/** Reads and validates an entry's body; the reason is French and short, for the sync panel. */
export function parseBody(d: string): ParseResult {
  if (d.length > MAX_ENTRY_CHARS) return { ok: false, reason: 'entrée trop volumineuse' };
  let raw: unknown;
  try {
    raw = JSON.parse(d);
  } catch {
    return { ok: false, reason: 'entrée illisible' };
  }
  const kind = (raw as { k?: unknown } | null)?.k;
  if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(schemas, kind)) return { ok: false, reason: "type d'entrée inconnu" };
  const parsed = schemas[kind as Kind].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `entrée invalide (${issue?.path.join('.') || kind} : ${issue?.message ?? '?'})` };
  }
  const body = parsed.data as Body;
  const cross = crossCheck(body);
  return cross ? { ok: false, reason: cross } : { ok: true, body };
}

function crossCheck(body: Body): string | null {
  if (body.k === 'c' || body.k === 'e') {
    const f = body.f as Partial<SightingFields>;
    if ('lat' in f !== 'lon' in f) return 'latitude sans longitude (ou l’inverse)';
    if ('lat' in f && (f.lat === null) !== (f.lon === null)) return 'latitude sans longitude (ou l’inverse)';
    if (body.k === 'e') {
      if (!Object.keys(f).length) return 'modification vide';
      for (const k of Object.keys(body.p)) if (!(k in f)) return `valeur « avant » sans valeur « après » (${k})`;
    }
  }
  if (body.k === 'k' && (body.u < body.t || body.u > body.t + MAX_CLAIM_MS + 60_000)) return 'prise en charge de plus de 30 minutes';
  if (body.k === 'p' && (body.i === undefined) !== (body.w === undefined)) return 'liaison d’invitation incomplète';
  if (body.k === 'q' && (body.check === 'verdict') !== (body.verdict !== undefined)) return 'verdict sans vérification (ou l’inverse)';
  if (body.k === 'b' && Object.keys(body).length <= 4) return 'message à relayer vide';
  return null;
}

/**
 * An entry's text: its body as JSON with every non-ASCII character escaped (\uXXXX). Any JSON reads
 * it the same; JavaScript engines keep such strings at one byte per character instead of two, which
 * halves the memory the exchange document takes for French text.
 */
export function entryText(body: object): string {
  return JSON.stringify(body).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The text an author signs for one crisis. */
export function signedText(crisisId: string, d: string): string {
  return `${crisisId}\n${d}`;
}

/** The text an invitation key signs to let one device join with the invitation's role. */
export function bindingText(crisisId: string, joiner: string): string {
  return `vigie/join/v1:${crisisId}:${joiner}`;
}

/** What orders an entry: its id, author and author time. */
export interface Ordered {
  id: string;
  body: { t: number; a: string };
}

/** Total order of entries, the same on every copy: author time, then author, then id. */
export function compareEntries(x: Ordered, y: Ordered): number {
  return x.body.t - y.body.t || (x.body.a < y.body.a ? -1 : x.body.a > y.body.a ? 1 : 0) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}
