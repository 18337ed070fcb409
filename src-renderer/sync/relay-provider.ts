// Hocuspocus's provider, answering the relay's sync step 1 in streamed slices. When a copy connects,
// the relay asks for what it lacks (its state vector); the provider answers with
// `Y.encodeStateAsUpdate(doc, relayVector)` in one task: for a relay that has never seen the crisis,
// the whole of it (a 2.6 s freeze of the open copy at 100,000 sightings). Here the answer goes as a
// series of updates of a few ms each (stream-state.ts), sent as the socket drains, each counted as an
// unconfirmed change until the relay acknowledges it, so "Relais : à jour" means what it says. What
// the relay sends is applied here and passed on to the disk as received (received-update.ts).
import { HocuspocusProvider, type HocuspocusProviderConfiguration } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { readSyncMessage, SYNC_STEP_1, SYNC_STEP_2, SYNC_UPDATE, syncMessage } from './relay-messages';
import { applyReceived, EMPTY_UPDATE } from './received-update';
import { streamState } from './stream-state';
import { MessageBuffer } from './with-payload';

/** Entries per message at most (~1 MB of signed sightings): the relay checks each message whole. */
const MAX_ENTRIES_PER_MESSAGE = 1024;

export class StreamingRelayProvider extends HocuspocusProvider {
  /** An answer being streamed (the newest step 1 wins: a reconnection starts over). */
  private stream: { cancelled: boolean } | null = null;
  /** What the answer to the relay is written in, message after message. */
  private readonly sent = new MessageBuffer();

  constructor(configuration: HocuspocusProviderConfiguration) {
    super(configuration);
    this.on('close', () => this.cancel());
    this.on('destroy', () => this.cancel());
  }

  /**
   * Whether the relay's own answer (its sync step 2) arrived since this connection started.
   * Hocuspocus says "synced" as soon as the relay acknowledged this copy's answer, which, when the
   * relay streams a large crisis (src-main/services/relay-stream.ts), is long before all of it came.
   */
  received = false;

  /** True while the answer to the relay is still going out. */
  get streaming(): boolean {
    return this.stream !== null;
  }

  override startSync(): void {
    this.received = false;
    super.startSync();
  }

  override onMessage(event: MessageEvent): void {
    const sync = event.data instanceof ArrayBuffer || ArrayBuffer.isView(event.data) ? readSyncMessage(new Uint8Array(event.data as ArrayBuffer)) : null;
    if (sync?.step === SYNC_STEP_1) {
      let sv: Map<number, number>;
      try {
        sv = Y.decodeStateVector(sync.payload);
      } catch {
        return super.onMessage(event); // unreadable: Hocuspocus's own handling decides
      }
      return void this.answer(sv);
    }
    if (sync && (sync.step === SYNC_STEP_2 || sync.step === SYNC_UPDATE)) {
      // Applied here and passed on as received (received-update.ts); Hocuspocus gets the same step
      // with an empty update, for its own bookkeeping (synced).
      try {
        applyReceived(this.document, sync.payload, this);
      } catch (error) {
        console.error('Vigie : mise à jour illisible reçue du relais', error);
      }
      event = new MessageEvent('message', { data: syncMessage(sync.address, sync.step, EMPTY_UPDATE) });
    }
    super.onMessage(event);
    if (sync?.step === SYNC_STEP_2) {
      this.received = true;
      this.emit('unsyncedChanges', { number: this.unsyncedChanges }); // the status changed
    }
  }

  private cancel(): void {
    if (this.stream) this.stream.cancelled = true;
    this.stream = null;
  }

  private async answer(sv: Map<number, number>): Promise<void> {
    this.cancel();
    const state = { cancelled: false };
    this.stream = state;
    const socket = () => this.configuration.websocketProvider.webSocket;
    await streamState(this.document, sv, {
      maxBudget: MAX_ENTRIES_PER_MESSAGE,
      cancelled: () => state.cancelled,
      queued: () => socket()?.bufferedAmount ?? 0,
      send: (update, last) => {
        const ws = socket();
        if (state.cancelled || !ws || ws.readyState !== 1) return false;
        // The relay acknowledges each message (a SyncStatus). The last one is the sync step 2 that
        // the provider already counts (it sets one unconfirmed change when it starts a sync); the
        // slices before it are counted here, as Hocuspocus counts its own updates.
        if (!last) this.incrementUnsyncedChanges();
        // A browser's WebSocket copies what it sends: one array for the whole stream (with-payload.ts).
        ws.send(syncMessage(this.effectiveName, last ? SYNC_STEP_2 : SYNC_UPDATE, update, this.sent));
        return true;
      },
    });
    if (this.stream === state) this.stream = null;
    this.emit('unsyncedChanges', { number: this.unsyncedChanges });
  }
}
