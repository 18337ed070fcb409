// One open crisis: its shared Yjs document (the source of truth), persisted in IndexedDB, and the
// commands that change it. The only code, with persistence.ts, that touches Yjs and Dexie.
import * as Y from 'yjs';
import { creationChange, editChange, type Change } from '../core/changes';
import type { CrisisInput, CrisisRecord, Identity, IdentityInput } from '../core/crisis';
import { newId } from '../core/ids';
import { recogniseLink } from '../core/platforms';
import { DEFAULT_FIELDS, validateFields, type FieldError, type Sighting, type SightingFields } from '../core/sighting';
import { canTransition, type Status } from '../core/taxonomy';
import { STATUS_LABELS } from '../core/labels';
import type { VigieDatabase } from './database';
import { LogMirror } from './log-mirror';
import { DocPersistence } from './persistence';

export class SightingValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => e.message).join(' ; '));
  }
}

export type Member = IdentityInput;

/** "Je m'en occupe": who handles a sighting, until when. Travels with the document, expires by itself. */
export interface Claim {
  actor: string;
  name: string;
  until: number;
}
export const CLAIM_MINUTES = 30;
type Listener = (changedIds: ReadonlySet<string>) => void;

export class CrisisStore {
  readonly doc = new Y.Doc();
  private readonly log = this.doc.getArray<unknown>('log');
  private readonly membersMap = this.doc.getMap<Member>('members');
  private readonly meta = this.doc.getMap<unknown>('meta');
  private readonly claimsMap = this.doc.getMap<unknown>('claims');
  /** Yjs client ids this copy has written with for this crisis (one per session): "my changes". */
  ownClientIds: number[] = [];
  private readonly mirror = new LogMirror();
  private readonly listeners = new Set<Listener>();
  private readonly persistence: DocPersistence;
  /** Bumped on every change: cheap snapshot identity for React. */
  version = 0;

  private constructor(
    db: VigieDatabase,
    readonly crisis: CrisisRecord,
    private readonly identity: Identity,
    private readonly now: () => number,
  ) {
    this.persistence = new DocPersistence(db, crisis.id, this.doc);
  }

  static async open(db: VigieDatabase, crisis: CrisisRecord, me: Identity, now = Date.now): Promise<CrisisStore> {
    const store = new CrisisStore(db, crisis, me, now);
    await store.persistence.load();
    store.mirror.reset(store.log.toArray());
    store.log.observe((event) => store.emit(store.mirror.applyDelta(event.changes.delta)));
    store.membersMap.observe(() => store.emit(new Set()));
    store.claimsMap.observe((e) => store.emit(new Set(e.keysChanged)));
    const ownKey = `own-clients:${crisis.id}`;
    const known = ((await db.settings.get(ownKey))?.value as number[] | undefined) ?? [];
    store.ownClientIds = [...known.slice(-200), store.doc.clientID];
    await db.settings.put({ key: ownKey, value: store.ownClientIds });
    store.doc.transact(() => {
      if (!store.meta.get('crisis')) store.meta.set('crisis', crisisMeta(crisis));
      const { name, organisation, role } = me;
      const member = store.membersMap.get(me.id);
      if (!member || member.name !== name || member.organisation !== organisation || member.role !== role)
        store.membersMap.set(me.id, { name, organisation, role });
    });
    await store.persistence.flushed();
    return store;
  }

  // ---- reading ----
  get rows(): ReadonlyMap<string, Sighting> {
    return this.mirror.rows;
  }
  get(id: string): Sighting | undefined {
    return this.mirror.rows.get(id);
  }
  /** The sighting's log entries, oldest first. */
  entries(id: string): readonly Change[] {
    return this.mirror.entries.get(id) ?? [];
  }
  member(actorId: string): Member | undefined {
    return this.membersMap.get(actorId);
  }
  /** The current claim on a sighting, if any and not expired. */
  claimOf(id: string): Claim | undefined {
    const c = this.claimsMap.get(id) as Partial<Claim> | undefined;
    if (!c || typeof c.actor !== 'string' || typeof c.name !== 'string' || typeof c.until !== 'number') return undefined;
    return c.until > this.now() ? (c as Claim) : undefined;
  }
  get me(): Identity {
    return this.identity;
  }
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- commands: each resolves once the change is durably stored ----
  async create(input: Partial<SightingFields>): Promise<Sighting> {
    const [id] = await this.createMany([input]);
    return this.get(id)!;
  }

  /** Creates many sightings in one transaction (capture of a batch, import): all or none. */
  async createMany(inputs: Partial<SightingFields>[]): Promise<string[]> {
    const t = this.now();
    const entries = inputs.map((input, i) => {
      const fields = withRecognisedLink({ ...DEFAULT_FIELDS, ...input });
      const errors = validateFields(fields);
      if (errors.length) throw new SightingValidationError(inputs.length > 1 ? errors.map((e) => ({ ...e, message: `ligne ${i + 1} : ${e.message}` })) : errors);
      return creationChange(newId(), fields, this.identity.id, t);
    });
    this.doc.transact(() => this.log.push(entries));
    await this.persistence.flushed();
    return entries.map((e) => e.s);
  }

  /** Changes some fields of one sighting; only the fields that really change are logged. */
  async update(id: string, patch: Partial<SightingFields>): Promise<void> {
    const row = this.get(id);
    if (!row) throw new SightingValidationError([{ field: 'sighting', message: 'remontée introuvable' }]);
    if (patch.status && !canTransition(row.status, patch.status))
      throw new SightingValidationError([
        { field: 'status', message: `passage impossible de « ${STATUS_LABELS[row.status].fr} » à « ${STATUS_LABELS[patch.status].fr} »` },
      ]);
    const errors = validateFields({ ...row, ...patch }, id);
    if (errors.length) throw new SightingValidationError(errors);
    const change = editChange(row, patch, this.identity.id, this.now());
    if (!change) return;
    this.doc.transact(() => this.log.push([change]));
    await this.persistence.flushed();
  }

  /** "Deleting" archives: nothing is destroyed. Returns the status to give back on undo. */
  async archive(id: string): Promise<Status> {
    const previous = this.get(id)?.status ?? 'nouveau';
    await this.update(id, { status: 'archive' });
    return previous;
  }

  async claim(id: string, minutes = CLAIM_MINUTES): Promise<void> {
    if (!this.get(id)) return;
    this.claimsMap.set(id, { actor: this.identity.id, name: this.identity.name, until: this.now() + minutes * 60_000 });
    await this.persistence.flushed();
  }

  async release(id: string): Promise<void> {
    if (this.claimOf(id)?.actor !== this.identity.id) return;
    this.claimsMap.delete(id);
    await this.persistence.flushed();
  }

  async updateCrisisMeta(input: CrisisInput): Promise<void> {
    this.meta.set('crisis', crisisMeta({ ...this.crisis, ...input }));
    await this.persistence.flushed();
  }

  /** Resolves once everything, compaction included, is on disk. */
  settled(): Promise<void> {
    return this.persistence.settled();
  }

  async close(): Promise<void> {
    await this.persistence.close();
    this.doc.destroy();
  }

  private emit(changed: ReadonlySet<string>): void {
    this.version++;
    for (const l of this.listeners) l(changed);
  }
}

function crisisMeta(c: CrisisRecord) {
  return { id: c.id, name: c.name, departement: c.departement, hazard: c.hazard, startedAt: c.startedAt };
}

/** A pasted link names its platform and often its author: fill them in unless the user did. */
function withRecognisedLink(f: SightingFields): SightingFields {
  const link = f.url ? recogniseLink(f.url) : null;
  if (!link) return f;
  return {
    ...f,
    platform: f.platform === DEFAULT_FIELDS.platform ? link.platform : f.platform,
    authorHandle: f.authorHandle || link.authorHandle,
  };
}
