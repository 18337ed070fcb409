// The one IndexedDB database of this copy of Vigie. Opened with strict durability: Chromium's
// default ("relaxed") may report a transaction complete and still lose it on a power cut, and an
// edit the UI has acknowledged must survive a crash.
import Dexie, { type Table } from 'dexie';
import type { CrisisRecord } from '../core/crisis';
import type { Sighting } from '../core/sighting';
import type { VaultCapability } from '../platform/index-types';
import type { Keyring } from './encryption/keyring';
import { atRest } from './encryption/middleware';

export interface StoredUpdate {
  seq?: number;
  /** The crisis's document of one epoch: `crisisId` (epoch 0) or `crisisId@epoch`. */
  crisisId: string;
  /** A Yjs update (or several merged by compaction). */
  update: Uint8Array;
  /** Written by this copy with the log's values by reference to the journal (store/held-rows.ts). */
  byRef?: true;
}

/** One verified, accepted entry of a crisis's record, as it was signed. Never changed, never deleted. */
export interface JournalRow {
  seq?: number;
  crisisId: string;
  /** Entry id (SHA-256 of d, 128 bits). */
  id: string;
  d: string;
  g: string;
}

/** An entry this copy refused (or a deletion it undid), kept to be shown in the sync panel. */
export interface RejectedRow {
  seq?: number;
  crisisId: string;
  at: number;
  /** Claimed author (member id), if readable. */
  author: string;
  kind: string;
  reason: string;
  /** The start of what was received, for whoever investigates. */
  excerpt: string;
}

/** A sighting's row as last materialised here: what a cold open paints before the journal is read. */
export interface CachedRow {
  crisisId: string;
  id: string;
  createdAt: number;
  row: Sighting;
}

export interface Setting {
  key: string;
  value: unknown;
}

/** A crisis as stored: its key sealed by the platform's vault (`key` empty) where there is one. */
export interface StoredCrisis extends CrisisRecord {
  sealedKey?: string;
}

export class VigieDatabase extends Dexie {
  crises!: Table<StoredCrisis, string>;
  /**
   * Seals secrets before they rest here (crisis keys; signing keys in the desktop app). Set by
   * whoever opens the database for the app; without one (unit tests), keys are stored as they are.
   */
  vault?: VaultCapability;
  /**
   * Encrypts what people wrote before it rests here (encryption/middleware.ts). Set through
   * encryptAtRest() by whoever opens the database for the app; without one, values rest clear.
   */
  keyring?: Keyring;
  settings!: Table<Setting, string>;
  updates!: Table<StoredUpdate, number>;
  journal!: Table<JournalRow, number>;
  rejected!: Table<RejectedRow, number>;
  rows!: Table<CachedRow, [string, string]>;

  constructor(name = 'vigie') {
    super(name, { chromeTransactionDurability: 'strict' });
    this.use(atRest(() => this.keyring));
    this.version(1).stores({
      crises: 'id, lastOpenedAt',
      settings: 'key',
      updates: '++seq, crisisId',
    });
    this.version(2).stores({
      journal: '++seq, crisisId, [crisisId+id]',
      rejected: '++seq, crisisId',
    });
    this.version(3).stores({
      journal: '++seq, crisisId, [crisisId+id], [crisisId+seq]',
      rows: '[crisisId+id], [crisisId+createdAt]',
    });
  }

  /** Nothing is read or written before the keys are loaded (Dexie waits for a 'ready' promise). */
  encryptAtRest(keys: Promise<Keyring | undefined>): void {
    this.on('ready', async () => {
      this.keyring = await keys;
    });
  }
}
