// Signed sync receipts over the presence channel (Yjs awareness, carried by WebRTC and the relay
// alike): each copy publishes "I, member M, hold this state vector, at time t", signed with its
// device key, after its document changes (at most once a second, with the state vector) and every
// minute otherwise; each copy verifies what peers publish (core/receipt.ts) and keeps the newest
// receipt per member. Nothing is stored in the record. Presence stays unsigned; only receipts count.
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { checkReceipt, ReceiptBook, UNKNOWN_AUTHOR, type Holder } from '../core/receipt';
import type { StateVector } from '../core/sync-status';
import type { CrisisStore } from '../store/crisis-store';

/** A fresh receipt at least this often, so that silence means silence. */
export const RECEIPT_EVERY_MS = 60_000;
export const DEFAULT_SILENCE_MINUTES = 15;
const SILENCE_KEY = 'vigie.silence-minutes';

export interface ReceiptStatus {
  /** Members holding all of my changes, and since when (this copy's clock). */
  heldBy: (Holder & { name: string })[];
  /** Every other member, with when this copy last had a fresh receipt from them. */
  heard: { actor: string; name: string; lastHeard?: number }[];
  /** Members with no fresh receipt for more than `silenceMinutes`. */
  silent: { actor: string; name: string; lastHeard?: number }[];
  silenceMinutes: number;
  /** Receipts refused (forged, oversize, foreign, unknown author) since this copy started listening. */
  refusedReceipts: number;
}

export class ReceiptExchange {
  private readonly book = new ReceiptBook();
  /** Per awareness client, the last receipt text looked at (each is verified once). */
  private readonly looked = new Map<number, string>();
  /** Receipts of authors this copy does not know yet (their admission still on its way), per client. */
  private readonly deferred = new Map<number, unknown>();
  private readonly watchingSince = Date.now();
  private lastT = 0;
  private refused = 0;
  private timer: ReturnType<typeof setInterval>;
  private destroyed = false;
  silenceMinutes = loadSilenceMinutes();

  constructor(
    private readonly store: CrisisStore,
    private readonly awareness: Awareness,
    private readonly setPresence: (fields: Record<string, unknown>) => void,
    private readonly republish: () => void,
    private readonly changed: () => void,
  ) {
    // Also what moves "sans nouvelles depuis" on when nothing else happens.
    this.timer = setInterval(() => {
      this.republish();
      this.changed();
    }, RECEIPT_EVERY_MS);
  }

  /** Signs and publishes a receipt for state vector `sv` (base64). */
  async publish(sv: string): Promise<void> {
    this.lastT = Math.max(Date.now(), this.lastT + 1);
    const d = JSON.stringify({ a: this.store.me.id, c: this.store.crisis.id, t: this.lastT, sv });
    const g = await this.store.signReceipt(d);
    if (!this.destroyed) this.setPresence({ rc: { d, g } });
  }

  /** Looks at the receipts of the peers whose presence changed. */
  seen(clients: readonly number[]): void {
    const states = this.awareness.getStates();
    for (const id of clients) {
      if (id === this.awareness.clientID) continue;
      const rc = (states.get(id) as { rc?: { d?: unknown } } | undefined)?.rc;
      const d = typeof rc?.d === 'string' ? rc.d : undefined;
      if (!rc || d === undefined || this.looked.get(id) === d) continue;
      this.looked.set(id, d);
      void this.check(id, rc);
    }
    for (const id of this.looked.keys()) if (!states.has(id)) this.looked.delete(id);
    for (const id of this.deferred.keys()) if (!states.has(id)) this.deferred.delete(id);
  }

  /** The record changed (a member may have been admitted): looks again at the receipts set aside. */
  retryDeferred(): void {
    const waiting = [...this.deferred];
    this.deferred.clear();
    for (const [client, rc] of waiting) void this.check(client, rc);
  }

  private async check(client: number, rc: unknown): Promise<void> {
    const checked = await checkReceipt(rc, this.store.crisis.id, (id) => this.store.member(id), Date.now());
    if (this.destroyed) return;
    // A member whose admission has not reached this copy yet: looked at again when the record changes,
    // not counted as refused (every join would show one). A newer receipt from that client replaces it.
    if (!checked.ok && checked.reason === UNKNOWN_AUTHOR) {
      if (this.looked.get(client) === (rc as { d: string }).d) this.deferred.set(client, rc);
      return;
    }
    let vector: StateVector | undefined;
    if (checked.ok) {
      try {
        vector = Y.decodeStateVector(Uint8Array.from(atob(checked.body.sv), (c) => c.charCodeAt(0)));
      } catch {
        vector = undefined;
      }
    }
    if (!checked.ok || !vector) this.refused++;
    else if (!this.book.accept(checked.body, vector, Date.now())) return;
    this.changed();
  }

  status(local: StateVector, ownClients: Iterable<number>): ReceiptStatus {
    const own = [...new Set(ownClients)];
    const me = this.store.me.id;
    const name = (id: string) => this.store.member(id)?.name || '?';
    const mine = own.some((c) => (local.get(c) ?? 0) > 0);
    const members = this.store
      .members()
      .filter((m) => !m.invitation && m.removedAt === undefined && m.id !== me)
      .map((m) => m.id);
    return {
      heldBy: mine ? this.book.heldBy(local, own, me).map((h) => ({ ...h, name: name(h.actor) })) : [],
      heard: members.map((actor) => ({ actor, name: name(actor), lastHeard: this.book.lastHeard(actor) })),
      silent: this.book.silent(members, Date.now(), this.silenceMinutes, this.watchingSince).map((s) => ({ ...s, name: name(s.actor) })),
      silenceMinutes: this.silenceMinutes,
      refusedReceipts: this.refused,
    };
  }

  setSilenceMinutes(minutes: number): void {
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) throw new Error('Entre 1 et 1 440 minutes.');
    this.silenceMinutes = minutes;
    try {
      globalThis.localStorage?.setItem(SILENCE_KEY, String(minutes));
    } catch {
      /* a private window: kept for this session */
    }
    this.changed();
  }

  destroy(): void {
    this.destroyed = true;
    clearInterval(this.timer);
  }
}

/** The threshold chosen on this copy (a setting of this machine, like the basemap), or 15 min. */
function loadSilenceMinutes(): number {
  try {
    const n = Number(globalThis.localStorage?.getItem(SILENCE_KEY));
    return Number.isInteger(n) && n >= 1 && n <= 24 * 60 ? n : DEFAULT_SILENCE_MINUTES;
  } catch {
    return DEFAULT_SILENCE_MINUTES;
  }
}
