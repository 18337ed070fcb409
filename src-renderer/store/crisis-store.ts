// One open crisis: its commands and what the UI reads. Its record is the journal (journal.ts):
// verified, signed entries, append-only, from which rows, members and claims are materialised
// (core/crisis-state.ts). Entries from elsewhere go through the intake (intake.ts); the exchange
// document (exchange.ts) is only how copies pass entries to one another. With those files, the only
// code that touches Yjs and Dexie.
import type * as Y from 'yjs';
import { rowsCreatedIn } from '../core/changes';
import type { CrisisInput, CrisisRecord, Identity } from '../core/crisis';
import { CrisisState, type Applied, type Member } from '../core/crisis-state';
import type { Body, BodyOf, Entry, SightingBody, UnsignedBody } from '../core/records';
import { CRISIS_KEY_PATTERN } from '../core/ids';
import { openSealed } from '../core/rekey';
import { receiptText } from '../core/receipt';
import { ShardedMap } from '../core/sharded';
import type { Sighting, SightingFields } from '../core/sighting';
import type { Role, Status } from '../core/taxonomy';
import type { VigieDatabase } from './database';
import { deviceKeys, type DeviceKeys } from './device-keys';
import { Intake, type Rejection, type SignedEntry } from './intake';
import { Journal } from './journal';
import { RowCache } from './row-cache';
import { Exchange } from './exchange';
import { Slicer, yieldInBackground } from '../core/slicer';
import { signEntries } from './sign-entries';
import { WorkflowCommands } from './workflow-commands';
import { MainCouranteCommands } from './main-courante-commands';
import { PurgeCommands } from './purge-commands';
import { PeerNotices } from './peer-notices';
import { RelayCommands } from './relay-commands';
import { MemberCommands } from './member-commands';
import { SightingCommands, type Claim } from './sighting-commands';
import { RuleError, SightingValidationError } from './errors';

export { RuleError, SightingValidationError };

export type { Member, Claim };
export { CLAIM_MINUTES } from './sighting-commands';
type Listener = (changedIds: ReadonlySet<string>) => void;

const PREVIEW_ROWS = 200;
/** Entries read from the journal's end when there is no row cache to paint from. */
const PREVIEW_TAIL = 2000;
/**
 * What may still be written while the crisis is closed: reopening it, members and keys, and the
 * record of files that leave (the archive). Refused by the command on every copy, not by the rules:
 * an edit a volunteer made offline before hearing of the closing is kept, not lost.
 */
// The main courante (l) goes on after closing: the COD logs the archive, the purge, the debriefing.
const WHILE_CLOSED = new Set(['u', 'm', 'p', 'r', 'v', 'o', 'l', 's']);
// A page is read, cloned and its texts opened (encryption at rest) in one task: 2,000 entries made a
// 100–190 ms block; 500, 36–76 ms on a 2-core laptop (long animation frames of an open at 100k, 29 Nov.).
const JOURNAL_PAGE = 250;

export class CrisisStore {
  private readonly exchange: Exchange;
  readonly state: CrisisState;
  private readonly journal: Journal;
  private readonly intake: Intake;
  /** Yjs client ids this copy has written with for this crisis (one per session): "my changes". */
  ownClientIds: number[] = [];
  private readonly listeners = new Set<Listener>();
  /** Bumped on every change: cheap snapshot identity for React. */
  version = 0;
  /** Resolves once the exchange document is loaded and checked against the journal. */
  docReady: Promise<void> = Promise.resolve();
  private lastTime = 0;
  private journalSignatures: ShardedMap<string, number> | null = new ShardedMap();
  private writes: Promise<unknown> = Promise.resolve();
  /** Entries refused since the crisis was opened, and deletions undone (for the sync bar). */
  rejectedCount = 0;
  /**
   * Set by whoever opened the store: called when a coordinator gave this member the crisis's next
   * key (a new epoch). The crisis must then be reopened with it.
   */
  onRekey: ((key: string, epoch: number) => void) | null = null;
  /** The next key, once opened (kept until someone takes it). */
  rekey: { key: string; epoch: number } | null = null;
  private readonly rowCache: RowCache;
  /** The newest rows as cached, shown until the journal is read (progressive open). */
  private preview: Map<string, Sighting> | null = null;
  /** Resolves once the journal is read and the state complete. */
  loaded: Promise<void> = Promise.resolve();
  /** True until then. */
  loading = true;
  private closed = false;
  /** Resolves once this copy has introduced itself (see loadAll). */
  private introduced: Promise<void> = Promise.resolve();
  /** Sightings changed by peers and not yet told to listeners (see applied). */
  private readonly peerNotices = new PeerNotices(() => this.emit(new Set()));
  /** Verification, forwarding to the COD, rumours, closing (store/workflow-commands.ts). */
  readonly workflow: WorkflowCommands;
  /** The main courante's free lines and corrections (store/main-courante-commands.ts). */
  readonly mainCourante: MainCouranteCommands;
  /** Purging personal data from a closed crisis (store/purge-commands.ts). */
  readonly purge: PurgeCommands;
  /** The relay kit: messages to relay, the COD's approvals, relays (store/relay-commands.ts). */
  readonly relay: RelayCommands;
  /** Admitting and removing members, the crisis's next key, invitations (store/member-commands.ts). */
  readonly membership: MemberCommands;
  /** Capturing and editing sightings, claims (store/sighting-commands.ts): called through the store's own methods below. */
  private readonly sightings: SightingCommands;

  private constructor(
    private readonly db: VigieDatabase,
    readonly crisis: CrisisRecord,
    private readonly identity: Identity,
    private readonly keys: DeviceKeys,
    private readonly now: () => number,
  ) {
    this.state = new CrisisState(crisis.id);
    this.journal = new Journal(db, crisis.id);
    this.exchange = new Exchange({
      db,
      journal: this.journal,
      name: docName(crisis),
      epoch: crisis.epoch ?? 0,
      submit: (values) => this.intake.submit(values),
      idle: () => this.intake.idle(),
      onDeleted: (count) => void this.deleted(count),
      onRestored: (count) => this.restored(count),
    });
    this.rowCache = new RowCache(db, crisis.id, () => this.state.rows);
    this.workflow = new WorkflowCommands(this.state, (id) => this.get(id), (entries) => this.write(entries));
    this.mainCourante = new MainCouranteCommands(this.state, (entries) => this.write(entries));
    this.membership = new MemberCommands(this.state, crisis, { id: identity.id, agreementId: keys.agreementId }, this.journal, (entries) => this.write(entries));
    this.purge = new PurgeCommands(this.state, () => this.identity.id, now, () => this.history(), () => this.membership.rotation(), (entries) => this.write(entries));
    this.relay = new RelayCommands(this.state, () => this.identity.id, (entries) => this.write(entries));
    this.sightings = new SightingCommands({
      row: (id) => this.get(id),
      claimOf: (id) => this.claimOf(id),
      me: () => this.identity.id,
      tick: () => this.tick(),
      write: (entries, t, onSigned) => this.write(entries, t, onSigned),
    });
    this.intake = new Intake({
      crisisId: crisis.id,
      state: this.state,
      journal: this.journal,
      now,
      onApplied: (applied, entries) => this.applied(applied, entries, true),
      onRejected: (rows) => this.rejectedSeen(rows),
    });
  }

  /**
   * Opens a crisis. `progressive`: resolve at once with the newest rows as last cached (the first
   * paint), and read the journal in the background, page by page; `loaded` resolves when it is read.
   */
  static async open(db: VigieDatabase, crisis: CrisisRecord, me: Identity, now = Date.now, options: { progressive?: boolean } = {}): Promise<CrisisStore> {
    const keys = await deviceKeys(db);
    const store = new CrisisStore(db, crisis, { ...me, id: keys.signer.id }, keys, now);
    if (options.progressive) {
      const newest = await store.rowCache.newest(PREVIEW_ROWS);
      // No row cache (a crash before it was written, a database copied without it): the sightings
      // created in the journal's tail, so the first paint never waits for the whole journal.
      if (!newest.length) newest.push(...(await store.previewFromJournal()));
      // Even empty (no creation in the tail): the rows then change identity once the journal is read,
      // and the table builds its view of them in slices, not by placing 100,000 new rows in one task
      // (230 ms, 29 Nov.).
      store.preview = new Map(newest.map((r) => [r.id, r]));
      store.loaded = store.loadAll();
    } else {
      store.loaded = store.loadAll();
      await store.loaded;
    }
    // The table reads the journal; the exchange document is loaded once the table has been painted.
    store.docReady = store.loaded.then(afterPaint).then(() => store.loadDoc());
    return store;
  }

  private async loadAll(): Promise<void> {
    await this.loadJournal();
    const wasPreview = this.preview !== null;
    this.preview = null;
    this.loading = false;
    // Commands wait for this copy's introduction (its own admission, profile): a capture made as soon
    // as the table shows must not be checked before the creator has admitted themself.
    this.introduced = this.introduce();
    await this.introduced;
    // A new key given while this copy was closed (or before it could switch).
    for (const r of this.state.rotations) await this.takeRotation(r.body.e, r.body.w);
    const ownKey = `own-clients:${this.crisis.id}`;
    const known = ((await this.db.settings.get(ownKey))?.value as number[] | undefined) ?? [];
    this.ownClientIds = [...known.slice(-200), this.doc.clientID];
    await this.db.settings.put({ key: ownKey, value: this.ownClientIds });
    // Not awaited: its work (the newest rows picked among 100,000) is a task of its own.
    void this.rowCache.complete().catch((e: Error) => console.warn('Vigie : cache des lignes non complété', e.message));
    await this.mirrorClosed();
    // Every row is new to whoever looked before the journal was read.
    if (wasPreview || this.state.rows.size) this.emit(new Set(this.state.rows.keys()));
  }

  // ---- reading ----
  /** The exchange document (what transports and sync packages carry). */
  get doc(): Y.Doc {
    return this.exchange.doc;
  }
  /** Entries put back after a peer deleted them (since opening). */
  get deletionsUndone(): number {
    return this.exchange.deletionsUndone;
  }
  get rows(): ReadonlyMap<string, Sighting> {
    return this.preview ?? this.state.rows;
  }
  get(id: string): Sighting | undefined {
    return this.rows.get(id);
  }
  /**
   * The sighting's entries, in order (oldest first), read from the journal: the history is not kept
   * in memory (only what the rows need), it is read when shown. Entries were checked on arrival.
   */
  async entries(id: string): Promise<Entry<SightingBody>[]> {
    const rows = await this.journal.entries(this.state.sightingEntryIds(id));
    return rows.map((r) => ({ id: r.id, body: JSON.parse(r.d) as SightingBody }));
  }

  /** Every entry of the record as signed, in arrival order (the archive; read from disk). */
  async history(): Promise<{ id: string; d: string; g: string }[]> {
    await this.writes;
    return (await this.journal.all()).map(({ id, d, g }) => ({ id, d, g }));
  }

  /** The whole record (every verified entry), read from the journal when asked: the replay's input. */
  async record(): Promise<Entry[]> {
    return (await this.history()).map((r) => ({ id: r.id, body: JSON.parse(r.d) as Body }));
  }

  member(actorId: string): Member | undefined {
    return this.state.member(actorId);
  }
  members(): Member[] {
    return [...this.state.members.values()];
  }
  /** The current claim on a sighting, if any and not expired. */
  claimOf(id: string): Claim | undefined {
    const c = this.state.claimOf(id, this.now());
    return c && { ...c, name: this.member(c.actor)?.name || '?' };
  }
  /** Signs a sync receipt's body (core/receipt.ts) with this device's key: only receipt text, never an entry's. */
  signReceipt(d: string): Promise<string> {
    return this.keys.signer.sign(receiptText(this.crisis.id, d));
  }
  get me(): Identity {
    return this.identity;
  }
  /** This member's role in this crisis (from their admission), undefined while not admitted. */
  get myRole(): Role | undefined {
    const m = this.member(this.identity.id);
    return m && m.removedAt === undefined ? m.role : undefined;
  }
  /** Entries verified but waiting for their author's admission. */
  get waitingCount(): number {
    return this.intake.waitingCount;
  }
  /** The latest refused entries, newest first (from disk: also those of earlier sessions). */
  rejections(limit?: number) {
    return this.journal.rejected(limit);
  }
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- commands: each resolves once its entries are durably stored ----
  // Sightings (store/sighting-commands.ts), called as the UI always has.
  async create(input: Partial<SightingFields>): Promise<Sighting> {
    const [id] = await this.sightings.createMany([input]);
    return this.get(id!)!;
  }
  createMany(...args: Parameters<SightingCommands['createMany']>): Promise<string[]> {
    return this.sightings.createMany(...args);
  }
  update(id: string, patch: Partial<SightingFields>): Promise<void> {
    return this.sightings.update(id, patch);
  }
  archive(id: string): Promise<Status> {
    return this.sightings.archive(id);
  }
  claim(id: string, minutes?: number): Promise<void> {
    return this.sightings.claim(id, minutes);
  }
  release(id: string): Promise<void> {
    return this.sightings.release(id);
  }

  async updateCrisisMeta(input: CrisisInput): Promise<void> {
    const { name, departement, hazard, startedAt } = input;
    await this.write([{ k: 'u', name, departement, hazard, startedAt }]);
  }

  /**
   * Records, for every member to see, a file that leaves Vigie (who, when, format, how many
   * sightings, SHA-256 of its bytes). A public one takes a coordinator or the COD.
   */
  async recordOutput(output: { format: string; scope: 'public' | 'restricted'; count: number; sha256: string; name?: string }): Promise<void> {
    await this.write([{ k: 'o', ...output }]);
  }

  /** Files that left Vigie, newest first. */
  outputs(): readonly BodyOf<'o'>[] {
    return [...this.state.outputs].sort((x, y) => y.t - x.t);
  }

  /** Resolves once everything so far, received or written, is on disk. */
  async settled(): Promise<void> {
    await this.docReady;
    await this.intake.idle();
    await this.writes;
    await this.exchange.settled();
    if (this.peerNotices.waiting) this.emit(new Set());
  }

  async close(): Promise<void> {
    await this.loaded.catch(() => undefined);
    this.closed = true;
    this.intake.destroy();
    await this.docReady.catch(() => undefined);
    await this.intake.idle().catch(() => undefined);
    await this.writes.catch(() => undefined);
    await this.exchange.close();
    if (this.peerNotices.waiting) this.emit(new Set());
    await this.rowCache.flush();
  }

  // ---- internals ----

  /** Author time: the clock, but never behind an entry already seen (a hybrid logical clock). */
  private tick(): number {
    this.lastTime = Math.max(this.now(), this.lastTime + 1);
    return this.lastTime;
  }

  /** Signs, checks against the rules, applies and stores entries written here: all or none. */
  private async write(unsigned: UnsignedBody[], t?: number, onSigned?: (count: number) => void, introducing = false): Promise<SignedEntry[]> {
    if (this.closed) throw new Error('Crise fermée.');
    // Members and rows must be known before a rule can be checked.
    if (this.loading) await this.loaded;
    if (!introducing) await this.introduced;
    if (this.state.info?.closed && unsigned.some((u) => !WHILE_CLOSED.has(u.k)))
      throw new RuleError('La crise est close : elle reste consultable, mais un coordinateur ou le COD doit la rouvrir pour la modifier.');
    t ??= this.tick();
    const entries = await signEntries(this.crisis.id, this.keys.signer, t, unsigned, onSigned);
    for (const e of entries) {
      const verdict = this.state.check(e);
      if (!verdict.ok) throw new RuleError(verdict.pending ? "Vous n'êtes pas encore admis dans cette crise : synchronisez avec un membre." : `Refusé : ${verdict.reason}.`);
    }
    // Durable first: a write that fails leaves nothing behind (not shown, not shared), whatever its size.
    const stored = this.journal.append(entries);
    this.writes = this.writes.then(() => stored).catch(() => undefined);
    try {
      await stored;
    } catch (e) {
      throw new Error(`Échec de l'enregistrement sur le disque : ${(e as Error).message}`);
    }
    const applied: Applied = { sightings: new Set(), other: false };
    for (const e of entries) {
      // (Checked above; an entry that arrived meanwhile from a peer cannot make it invalid, only older.)
      const r = this.state.apply(e);
      for (const s of r.sightings) applied.sightings.add(s);
      applied.other ||= r.other;
    }
    this.applied(applied, entries);
    if (applied.other) this.intake.recheckWaiting();
    this.exchange.share(entries);
    return entries;
  }

  /**
   * What arrived or was written is applied at once; listeners hear of what came from peers a little
   * later, with whatever else came meanwhile (peer-notices.ts: a newcomer receiving 100k sightings
   * streamed in hundreds of slices would otherwise make the table and the map re-derive hundreds of
   * times). Local writes are told at once.
   */
  private applied(applied: Applied, entries: readonly SignedEntry[], fromPeer = false): void {
    this.rowCache.touch(applied.sightings);
    if (entries.some((e) => e.body.k === 'u')) void this.mirrorClosed();
    for (const e of entries) {
      if (e.body.t > this.lastTime) this.lastTime = e.body.t;
      if (e.body.k === 'v') void this.takeRotation(e.body.e, e.body.w);
    }
    if (!fromPeer) return this.emit(applied.sightings);
    this.peerNotices.add(applied.sightings);
  }

  /** The crisis list shows what the record says: closed (by anyone allowed) or ongoing. */
  private async mirrorClosed(): Promise<void> {
    const closed = !!this.state.info?.closed;
    if (closed === !!this.crisis.closedAt) return;
    this.crisis.closedAt = closed ? this.now() : undefined;
    await this.db.crises.update(this.crisis.id, { closedAt: this.crisis.closedAt }).catch(() => undefined);
  }

  /** Opens the next key if this member was given one, and says so once. */
  private async takeRotation(epoch: number, sealed: Record<string, string>): Promise<void> {
    const mine = sealed[this.identity.id];
    if (!mine || epoch <= (this.crisis.epoch ?? 0) || (this.rekey && this.rekey.epoch >= epoch)) return;
    const key = await openSealed(mine, this.keys.agreement.privateKey, this.crisis.id, epoch, this.identity.id);
    if (!key || !CRISIS_KEY_PATTERN.test(key) || (this.rekey && this.rekey.epoch >= epoch)) return;
    this.rekey = { key, epoch };
    this.emit(new Set());
    this.onRekey?.(key, epoch);
  }

  private rejectedSeen(rows: Rejection[]): void {
    this.rejectedCount += rows.length;
    this.emit(new Set());
  }

  /** The record as this copy last stored it: no signature is checked again. */
  private async loadJournal(): Promise<void> {
    // The journal holds entries in arrival order, each accepted then: replay in that order, page by
    // page, yielding to the page between pages once it has been busy for a while: after whatever else
    // it has to do (the first paint of the workspace is rendered in slices at the same time).
    const slicer = new Slicer(12, yieldInBackground);
    for await (const page of this.journal.pages(JOURNAL_PAGE)) {
      for (const r of page) {
        const body = JSON.parse(r.d) as Body;
        this.state.apply({ id: r.id, body });
        this.journalSignatures!.set(r.g, r.seq!);
        if (body.t > this.lastTime) this.lastTime = body.t;
        // Within a page too: a page of creations is a few megabytes of text to parse.
        if (slicer.due()) await slicer.yieldNow();
      }
    }
  }

  /** The newest rows the journal's tail holds whole (see rowsCreatedIn). */
  private async previewFromJournal(): Promise<Sighting[]> {
    const tail = await this.journal.tail(PREVIEW_TAIL, JOURNAL_PAGE);
    const rows = rowsCreatedIn(tail.map((r) => ({ id: r.id, body: JSON.parse(r.d) as Body })));
    return rows.sort((x, y) => y.createdAt - x.createdAt).slice(0, PREVIEW_ROWS);
  }

  /** The crisis's first entries (creation, or the invitation's proof) and this member's own. */
  private async introduce(): Promise<void> {
    if (this.crisis.seed?.length) {
      const missing = this.crisis.seed.filter((e) => !this.journalSignatures?.has(e.g));
      if (missing.length) {
        await this.intake.submit(missing);
        // The crisis's first entry (and an invitation's proof) enter the exchange document here.
        this.exchange.share(missing);
      }
    }
    const me = this.identity;
    const member = this.state.member(me.id);
    const x = this.keys.agreementId;
    if (this.state.creator === me.id && !member) await this.write([{ k: 'm', m: me.id, role: me.role }], undefined, undefined, true);
    const now = this.state.member(me.id);
    const profile = { k: 'p' as const, name: me.name, organisation: me.organisation, x };
    if (!now && this.crisis.binding) {
      await this.write([{ ...profile, i: this.crisis.binding.i, w: this.crisis.binding.w }], undefined, undefined, true).catch((e: Error) => console.warn('Vigie : admission en attente', e.message));
    } else if (now && now.removedAt === undefined && (now.name !== me.name || now.organisation !== me.organisation || now.x !== x || now.invitation)) {
      await this.write([profile], undefined, undefined, true);
    }
  }

  /** The exchange document, once the table is painted: see exchange.ts. */
  private async loadDoc(): Promise<void> {
    const known = this.journalSignatures ?? new ShardedMap<string, number>();
    this.journalSignatures = null;
    await this.exchange.load(known, this.state.rotations.at(-1)?.body.a === this.identity.id);
  }

  /** A peer deleted entries from the shared document: never taken in, listed with the refusals. */
  private async deleted(count: number): Promise<void> {
    await this.journal.reject([{ at: this.now(), author: '', kind: '', reason: `${count} entrée(s) supprimée(s) du document partagé par un pair : suppression ignorée, tout reste ici`, excerpt: '' }]);
    this.rejectedCount++;
    this.emit(new Set());
  }

  /** A peer deleted entries and they were shared again: listed with the refusals. */
  private async restored(count: number): Promise<void> {
    await this.journal.reject([{ at: this.now(), author: '', kind: '', reason: `${count} entrée(s) supprimée(s) du document partagé par un pair : remise(s) en partage`, excerpt: '' }]);
    this.rejectedCount++;
    this.emit(new Set());
  }

  private emit(changed: ReadonlySet<string>): void {
    changed = this.peerNotices.take(changed);
    this.version++;
    for (const l of this.listeners) l(changed);
  }
}

/** Resolves after the next frame is painted (at once where there are no frames: tests, Node). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState === 'visible')
      requestAnimationFrame(() => setTimeout(resolve, 0));
    else setTimeout(resolve, 0);
  });
}

/** The exchange document of the crisis's current epoch. */
function docName(crisis: CrisisRecord): string {
  return crisis.epoch ? `${crisis.id}@${crisis.epoch}` : crisis.id;
}
