// The sync of one open crisis: its transports (WebRTC mesh, relay), shared presence (who looks at
// which sighting), and what the sync bar shows: connected or not, through what, who is there, when
// the last exchange happened, how many local changes no peer has confirmed yet.
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { SyncAddresses } from '../core/invitation';
import { unconfirmedChanges } from '../core/sync-status';
import type { CrisisStore } from '../store/crisis-store';
import { LOAD_ORIGIN } from '../store/persistence';
import { connectRelay } from './relay-transport';
import type { Transport, TransportStatus } from './transport';
import { connectWebrtc } from './webrtc-transport';
import type { RtcImplementation } from './chunked-channel';
import { ReceiptExchange, type ReceiptStatus } from './receipts';

export interface PeerPresence {
  clientId: number;
  actor: string;
  name: string;
  role: string;
  viewing?: string;
  editing?: boolean;
}

export interface SyncStatus extends ReceiptStatus {
  paused: boolean;
  configured: boolean;
  /** The exchange document is still being loaded from disk: no transport connects before it is. */
  preparing: boolean;
  transports: TransportStatus[];
  peers: PeerPresence[];
  lastExchange?: number;
  unconfirmed: number;
  /** Entries refused since the crisis was opened (bad signature, broken rule, deletions undone…). */
  rejected: number;
  /** Entries verified but waiting for their author's admission. */
  waiting: number;
}

export interface SessionOptions {
  rtc?: RtcImplementation;
  WebSocketPolyfill?: unknown;
  /** The loneliness watch's delays (tests): first check, longest back-off, stuck after. */
  lonely?: { firstMs: number; maxMs: number; stuckAfterMs: number };
}

const SV_EVERY_MS = 1000;
/** How soon the status says the document changed (once for every update meanwhile). */
const DOC_STATUS_MS = 250;
const LONELY_FIRST_MS = 10_000;
const LONELY_MAX_MS = 120_000;
/** A copy seen this long ago with still no open connection: the pairing is stuck. */
const STUCK_AFTER_MS = 8_000;

function text(v: unknown, max = 200): string | undefined {
  return typeof v === 'string' && v.length <= max ? v : undefined;
}

export class SyncSession {
  readonly awareness: Awareness;
  private transports: Transport[] = [];
  private readonly listeners = new Set<() => void>();
  private lastExchange?: number;
  private paused = false;
  private svTimer: ReturnType<typeof setTimeout> | null = null;
  private statusTimer: ReturnType<typeof setTimeout> | null = null;
  private snapshot: SyncStatus | null = null;
  private destroyed = false;
  private generation = 0;
  private preparing = true;
  private readonly unsubscribeStore: () => void;
  /** This copy's presence, kept here because providers may clear the awareness's copy. */
  private presence: Record<string, unknown>;
  /** Signed receipts: who holds my changes, who has gone silent (sync/receipts.ts). */
  private readonly receipts: ReceiptExchange;

  constructor(
    private readonly store: CrisisStore,
    private addresses: SyncAddresses,
    private readonly options: SessionOptions = {},
  ) {
    this.lonelyDelay = options.lonely?.firstMs ?? LONELY_FIRST_MS;
    this.awareness = new Awareness(store.doc);
    const me = store.me;
    this.presence = { user: { actor: me.id, name: me.name, role: me.role } };
    this.awareness.setLocalState({ ...this.presence });
    this.receipts = new ReceiptExchange(store, this.awareness, (f) => this.setPresence(f), () => this.publishStateVector(), this.changed);
    store.doc.on('afterTransaction', this.onDocUpdate);
    this.awareness.on('change', this.onAwareness);
    this.unsubscribeStore = store.subscribe(() => {
      this.receipts.retryDeferred();
      this.changed();
    });
    this.publishStateVector();
    void store.docReady.then(() => {
      this.preparing = false;
      this.changed();
    });
  }

  async start(): Promise<void> {
    // Starts may overlap (the first one waits for the document while the user saves new addresses):
    // only the latest one connects, and it replaces whatever an earlier one connected.
    const generation = ++this.generation;
    // Exchange only once the document holds what the journal holds.
    await this.store.docReady;
    if (this.paused || this.destroyed || generation !== this.generation) return;
    this.stopTransports();
    const { doc, crisis } = this.store;
    const common = { doc, awareness: this.awareness, crisisKey: crisis.key, onChange: this.changed };
    const started: Transport[] = [];
    if (this.addresses.signaling.length)
      started.push(await connectWebrtc({ ...common, signaling: this.addresses.signaling, ice: this.addresses.ice, rtc: this.options.rtc }));
    for (const url of this.addresses.relay) {
      if (generation !== this.generation) break;
      started.push(await connectRelay({ ...common, url, WebSocketPolyfill: this.options.WebSocketPolyfill }));
    }
    if (generation !== this.generation || this.paused || this.destroyed) {
      for (const t of started) t.destroy();
      return;
    }
    this.transports = started;
    // A stopped provider removes this copy's presence from the shared awareness (now or a little
    // later): put it back once the new transports exist.
    this.awareness.setLocalState({ ...this.presence });
    this.changed();
    this.watchLoneliness();
  }

  get currentAddresses(): SyncAddresses {
    return this.addresses;
  }

  async setAddresses(addresses: SyncAddresses): Promise<void> {
    this.stopTransports();
    this.addresses = addresses;
    await this.start();
  }

  async pause(paused: boolean): Promise<void> {
    this.paused = paused;
    if (paused) this.stopTransports();
    else await this.start();
    this.changed();
  }

  setViewing(sightingId: string | null, editing = false): void {
    this.setPresence({ viewing: sightingId ?? undefined, editing: editing || undefined });
  }

  private setPresence(fields: Record<string, unknown>): void {
    this.presence = { ...this.presence, ...fields };
    this.awareness.setLocalState({ ...this.presence });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A stable snapshot until something changes (for useSyncExternalStore). */
  status(): SyncStatus {
    if (this.snapshot) return this.snapshot;
    const peers: PeerPresence[] = [];
    const peerVectors: Map<number, number>[] = [];
    this.awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.awareness.clientID) return;
      const user = state?.user as Record<string, unknown> | undefined;
      const claimed = text(user?.name);
      if (!claimed) return;
      // Presence is not signed: a name is shown as the record's member name, or marked unverified.
      const actor = text(user?.actor) ?? '';
      const member = this.store.member(actor);
      const name = member && !member.invitation ? member.name : `${claimed} (non vérifié)`;
      peers.push({ clientId, actor, name, role: member?.role ?? '', viewing: text(state.viewing, 64), editing: state.editing === true });
      const sv = text(state.sv, 100_000);
      if (sv) {
        try {
          peerVectors.push(Y.decodeStateVector(Uint8Array.from(atob(sv), (c) => c.charCodeAt(0))));
        } catch {
          /* a peer's garbage: ignored */
        }
      }
    });
    const transports = this.transports.map((t) => t.status());
    const local = Y.decodeStateVector(Y.encodeStateVector(this.store.doc));
    if (transports.some((t) => t.holdsEverything)) peerVectors.push(local);
    this.snapshot = {
      paused: this.paused,
      configured: this.addresses.signaling.length + this.addresses.relay.length > 0,
      preparing: this.preparing,
      transports,
      peers,
      lastExchange: this.lastExchange,
      unconfirmed: unconfirmedChanges(local, this.store.ownClientIds, peerVectors),
      rejected: this.store.rejectedCount,
      waiting: this.store.waitingCount,
      ...this.receipts.status(local, this.store.ownClientIds),
    };
    return this.snapshot;
  }

  /** "Sans nouvelles depuis plus de N minutes": N on this copy. */
  setSilenceMinutes(minutes: number): void {
    this.receipts.setSilenceMinutes(minutes);
  }

  /** After a purge: asks each relay to forget this epoch's document, keeping only `keep`. */
  async forgetRelayDocuments(keep: readonly { d: string; g: string }[]): Promise<void> {
    await Promise.all(this.transports.map((t) => t.forget?.(keep)));
  }

  destroy(): void {
    this.destroyed = true;
    this.receipts.destroy();
    this.unsubscribeStore();
    clearTimeout(this.lonelyTimer);
    this.stopTransports();
    if (this.svTimer) clearTimeout(this.svTimer);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.store.doc.off('afterTransaction', this.onDocUpdate);
    this.awareness.off('change', this.onAwareness);
    this.awareness.destroy();
  }

  /**
   * y-webrtc occasionally leaves two copies that joined at the same moment unpaired, with nothing
   * left to retry. Restart the transports only on evidence of that: another copy showed up in the
   * room (its announce or offer reached this one) and, a while later, still no connection is open.
   * A copy alone in its room (signaling answers, nobody else there) is never restarted: a restart
   * costs a new key derivation and announcements, and used to cost a whole-document encode (the
   * BroadcastChannel y-webrtc no longer uses here, quiet-provider.ts). Restarts back off: 10 s,
   * 20 s, … 2 min, and start from 10 s again once a peer is connected.
   */
  private lonelyTimer: ReturnType<typeof setTimeout> | undefined;
  private lonelyDelay = LONELY_FIRST_MS;
  /** Restarts made because a pairing looked stuck (tests, sync bar diagnostics). */
  restarts = 0;
  private watchLoneliness(): void {
    clearTimeout(this.lonelyTimer);
    this.lonelyTimer = setTimeout(() => {
      const webrtc = this.transports.find((t) => t.kind === 'webrtc')?.status();
      if (this.paused || this.destroyed || !webrtc || !webrtc.online) return this.watchLoneliness();
      if (webrtc.peers > 0) {
        this.lonelyDelay = this.options.lonely?.firstMs ?? LONELY_FIRST_MS;
        return this.watchLoneliness();
      }
      const seen = webrtc.peerSeenAt;
      const stuck = seen !== undefined && Date.now() - seen >= (this.options.lonely?.stuckAfterMs ?? STUCK_AFTER_MS);
      if (!stuck) return this.watchLoneliness(); // alone, or a pairing still under way
      this.restarts++;
      this.lonelyDelay = Math.min(this.lonelyDelay * 2, this.options.lonely?.maxMs ?? LONELY_MAX_MS);
      this.stopTransports();
      void this.start();
    }, this.lonelyDelay);
  }

  private stopTransports(): void {
    for (const t of this.transports) t.destroy();
    this.transports = [];
  }

  private readonly changed = () => {
    this.snapshot = null;
    for (const l of this.listeners) l();
  };

  // afterTransaction, not 'update': Yjs encodes an update only for 'update' listeners, and loading the
  // stored document (100,000 rows) would pay for encodings this status never reads.
  private readonly onDocUpdate = (tr: Y.Transaction) => {
    if (!tr.changed.size && !tr.deleteSet.clients.size) return;
    const origin: unknown = tr.origin;
    // Local commands run without an origin; anything else with one came from a transport or a file.
    if (origin !== null && origin !== undefined && origin !== LOAD_ORIGIN) this.lastExchange = Date.now();
    if (!this.svTimer) this.svTimer = setTimeout(() => this.publishStateVector(), SV_EVERY_MS);
    // Told a little later, once for all the updates meanwhile: a newcomer receiving a crisis applies
    // hundreds of them, and each notice re-rendered the sync bar and the table (its viewers).
    this.statusTimer ??= setTimeout(() => {
      this.statusTimer = null;
      this.changed();
    }, DOC_STATUS_MS);
  };

  private readonly onAwareness = (c: { added: number[]; updated: number[] }, origin: unknown) => {
    if (origin !== 'local') {
      this.lastExchange = Date.now();
      this.receipts.seen([...c.added, ...c.updated]);
    }
    this.changed();
  };

  private publishStateVector(): void {
    this.svTimer = null;
    let s = '';
    for (const b of Y.encodeStateVector(this.store.doc)) s += String.fromCharCode(b);
    this.setPresence({ sv: btoa(s) });
    void this.receipts.publish(btoa(s));
  }
}
