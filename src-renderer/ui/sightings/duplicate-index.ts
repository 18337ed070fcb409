// One duplicate index per open crisis (core/duplicates.ts), shared by the capture form and the detail
// panel. Built in idle time after opening and kept up to date from the store's changed ids, so a
// keystroke only queries it. A sighting just saved is indexed at once (small changes are applied
// when they arrive); a large batch (an import, a peer's whole crisis) goes through idle slices.
import { useSyncExternalStore } from 'react';
import { DuplicateIndex } from '../../core/duplicates';
import type { CrisisStore } from '../../store/crisis-store';
import { useCrisisStore } from '../session';
import { whenIdle } from '../common/idle-slice';

/** Changes applied as they arrive, up to this many ids; more wait for idle time. */
const AT_ONCE = 64;

export class LiveDuplicateIndex {
  readonly index = new DuplicateIndex();
  version = 0;
  private readonly pending = new Set<string>();
  /** The rows still to index after the store swapped them all (not copied: 100,000 ids were 15 ms). */
  private sweep: Iterator<string> | null = null;
  private readonly listeners = new Set<() => void>();
  private rows: ReadonlyMap<string, unknown> | null = null;
  private scheduled = false;
  private notified = 0;

  constructor(private readonly store: CrisisStore) {
    this.queueAll();
    store.subscribe((changed) => {
      // A progressive open swaps its preview for the whole crisis once the journal is read.
      if (store.rows !== this.rows) return this.queueAll();
      if (changed.size === 0) return;
      for (const id of changed) this.pending.add(id);
      if (this.pending.size <= AT_ONCE) this.drain(() => true, false);
      if (!this.ready) this.schedule();
    });
  }

  /** True once every row the store holds is indexed. */
  get ready(): boolean {
    return this.pending.size === 0 && !this.sweep;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private queueAll(): void {
    this.rows = this.store.rows;
    this.sweep = this.store.rows.keys();
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = (more: () => boolean) => {
      this.scheduled = false;
      this.drain(more);
      if (!this.ready) this.schedule();
    };
    whenIdle(run);
  }

  /** Indexes what changed, then (`sweep`) the rows still to index, until `more()` says stop. */
  private drain(more: () => boolean, sweep = true): void {
    let done = 0;
    const enough = () => done % 8 === 0 && done > 0 && !more(); // a row costs up to ~0.3 ms (trigrams, minhash)
    for (const id of this.pending) {
      if (enough()) break;
      this.pending.delete(id);
      this.reindex(id);
      done++;
    }
    while (sweep && this.sweep && !enough()) {
      const next = this.sweep.next();
      if (next.done) this.sweep = null;
      else {
        this.reindex(next.value);
        done++;
      }
    }
    if (!done) return;
    this.version++;
    // While a whole crisis is being indexed, readers are told twice a second, not at every slice.
    const now = performance.now();
    if (!this.ready && now - this.notified < 500) return;
    this.notified = now;
    for (const l of this.listeners) l();
  }

  private reindex(id: string): void {
    const row = this.store.get(id);
    if (row) this.index.set(row);
    else this.index.remove(id);
  }
}

const live = new WeakMap<CrisisStore, LiveDuplicateIndex>();

export function duplicateIndexOf(store: CrisisStore): LiveDuplicateIndex {
  let l = live.get(store);
  if (!l) live.set(store, (l = new LiveDuplicateIndex(store)));
  return l;
}

/** The crisis's duplicate index, and a version that changes when it does (for memos). */
export function useDuplicateIndex(): { index: DuplicateIndex; version: number; ready: boolean } {
  const l = duplicateIndexOf(useCrisisStore());
  const version = useSyncExternalStore(l.subscribe, () => l.version);
  return { index: l.index, version, ready: l.ready };
}
