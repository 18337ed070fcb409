// Sync receipts: "member M holds this state of the crisis, as of time t", signed with M's device key,
// so that the sync bar can name who holds my last change and the COD can see who has gone silent.
// Ephemeral (carried in the presence channel, never stored in the record), bounded, and never
// trusted blindly: a receipt counts only if its signature verifies against its author's id (the id
// *is* the public key), its author is an admitted member not removed, it names this crisis, its time
// is sane, and it is newer than the one kept for that member (an old receipt replayed changes nothing).
import { z } from 'zod';
import { MIN_TIME } from './records';
import { ACTOR_ID, SIGNATURE, verifySignature } from './signing';
import type { StateVector } from './sync-status';

/** A receipt's body text, at most: a state vector of ~1,000 writers in base64 fits in 16 KiB. */
export const MAX_RECEIPT_CHARS = 16 * 1024;
/** A receipt dated further ahead of the receiver's clock is refused (a broken or hostile clock). */
export const MAX_RECEIPT_AHEAD_MS = 10 * 60_000;

export interface ReceiptBody {
  /** The member (device key id). */
  a: string;
  /** The crisis (a receipt is not replayed into another one). */
  c: string;
  /** The author's clock when signed. */
  t: number;
  /** Base64 of the Yjs state vector the author holds. */
  sv: string;
}

/** What travels: `d` the body's JSON text, `g` the author's signature of receiptText(crisis, d). */
export interface SignedReceipt {
  d: string;
  g: string;
}

/**
 * The text signed. Its prefix cannot begin an entry's signed text (`crisisId + "\n" + …`, base64url
 * ids have no "/"), so a receipt's signature can never be taken for an entry's, nor the reverse.
 */
export function receiptText(crisisId: string, d: string): string {
  return `vigie/receipt/v1:${crisisId}\n${d}`;
}

const schema = z.object({
  a: z.string().regex(ACTOR_ID),
  c: z.string().max(64),
  t: z.number().int().min(MIN_TIME),
  sv: z.string().max(MAX_RECEIPT_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

export const UNKNOWN_AUTHOR = 'auteur inconnu dans cette crise';

export type ReceiptCheck = { ok: true; body: ReceiptBody } | { ok: false; reason: string };

/** What a member's copy knows of this member: enough to accept or refuse their receipt. */
export type MemberLookup = (id: string) => { invitation: boolean; removedAt?: number } | undefined;

/** Checks a receipt from a peer (shape, size, crisis, time, author, signature). Never throws. */
export async function checkReceipt(raw: unknown, crisisId: string, member: MemberLookup, now: number): Promise<ReceiptCheck> {
  if (!raw || typeof raw !== 'object') return { ok: false, reason: 'reçu illisible' };
  const { d, g } = raw as Record<string, unknown>;
  if (typeof d !== 'string' || typeof g !== 'string' || !SIGNATURE.test(g)) return { ok: false, reason: 'reçu illisible' };
  if (d.length > MAX_RECEIPT_CHARS) return { ok: false, reason: 'reçu trop volumineux' };
  let json: unknown;
  try {
    json = JSON.parse(d);
  } catch {
    return { ok: false, reason: 'reçu illisible' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'reçu invalide' };
  const body = parsed.data;
  if (body.c !== crisisId) return { ok: false, reason: 'reçu d’une autre crise' };
  if (body.t > now + MAX_RECEIPT_AHEAD_MS) return { ok: false, reason: 'reçu daté du futur' };
  const m = member(body.a);
  if (!m || m.invitation) return { ok: false, reason: UNKNOWN_AUTHOR };
  if (m.removedAt !== undefined) return { ok: false, reason: 'membre retiré' };
  if (!(await verifySignature(body.a, receiptText(crisisId, d), g))) return { ok: false, reason: 'signature invalide' };
  return { ok: true, body };
}

/** True when `peer` holds every change this copy wrote (its own Yjs client ids). */
export function holdsAll(peer: StateVector, local: StateVector, own: Iterable<number>): boolean {
  for (const client of own) if ((peer.get(client) ?? 0) < (local.get(client) ?? 0)) return false;
  return true;
}

interface Kept {
  t: number;
  vector: StateVector;
  /** This copy's clock when the receipt was verified. */
  receivedAt: number;
}

export interface Holder {
  actor: string;
  /** When this copy first saw a receipt showing this member holds its latest change (own clock). */
  since: number;
}

/** The latest verified receipt per member, and what follows from them. Pure (times are given). */
export class ReceiptBook {
  private readonly latest = new Map<string, Kept>();
  private readonly covered = new Map<string, { mark: string; since: number }>();

  /** Keeps a verified receipt if it is newer than the member's last one; true if kept. */
  accept(body: Pick<ReceiptBody, 'a' | 't'>, vector: StateVector, receivedAt: number): boolean {
    const prev = this.latest.get(body.a);
    if (prev && prev.t >= body.t) return false;
    this.latest.set(body.a, { t: body.t, vector, receivedAt });
    return true;
  }

  /** Members (other than `me`) whose latest receipt shows they hold all of this copy's changes, and since when. */
  heldBy(local: StateVector, own: readonly number[], me: string): Holder[] {
    const mark = own.map((c) => `${c}:${local.get(c) ?? 0}`).join(',');
    const out: Holder[] = [];
    for (const [actor, kept] of this.latest) {
      if (actor === me || !holdsAll(kept.vector, local, own)) continue;
      let c = this.covered.get(actor);
      if (!c || c.mark !== mark) this.covered.set(actor, (c = { mark, since: kept.receivedAt }));
      out.push({ actor, since: c.since });
    }
    return out.sort((x, y) => x.since - y.since || (x.actor < y.actor ? -1 : 1));
  }

  /** When this copy last heard from a member (a fresh verified receipt), if ever. */
  lastHeard(actor: string): number | undefined {
    return this.latest.get(actor)?.receivedAt;
  }

  /**
   * Members with no fresh receipt for more than `minutes`: heard of too long ago, or never since
   * `watchingSince` (when this copy started listening) if that is itself longer ago.
   */
  silent(members: readonly string[], now: number, minutes: number, watchingSince: number): { actor: string; lastHeard?: number }[] {
    const limit = now - minutes * 60_000;
    return members
      .map((actor) => ({ actor, lastHeard: this.lastHeard(actor) }))
      .filter((m) => (m.lastHeard ?? watchingSince) < limit);
  }
}
