// The one IndexedDB database of this copy of Vigie. Opened with strict durability: Chromium's
// default ("relaxed") may report a transaction complete and still lose it on a power cut, and an
// edit the UI has acknowledged must survive a crash.
import Dexie, { type Table } from 'dexie';
import type { CrisisRecord } from '../core/crisis';

export interface StoredUpdate {
  seq?: number;
  crisisId: string;
  /** A Yjs update (or several merged by compaction). */
  update: Uint8Array;
}

export interface Setting {
  key: string;
  value: unknown;
}

export class VigieDatabase extends Dexie {
  crises!: Table<CrisisRecord, string>;
  settings!: Table<Setting, string>;
  updates!: Table<StoredUpdate, number>;

  constructor(name = 'vigie') {
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      crises: 'id, lastOpenedAt',
      settings: 'key',
      updates: '++seq, crisisId',
    });
  }
}
