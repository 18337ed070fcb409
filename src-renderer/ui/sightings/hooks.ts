// How components read sightings: snapshots of the store, recomputed when it changes.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { historyLines } from '../../core/changes';
import type { Entry, SightingBody } from '../../core/records';
import { warmSearch, type SightingFilter, type SortOrder } from '../../core/query';
import type { Sighting } from '../../core/sighting';
import { SightingView } from '../../core/sighting-view';
import type { CrisisStore } from '../../store/crisis-store';
import { useCrisisStore } from '../session';

export function useStoreVersion(store: CrisisStore): number {
  return useSyncExternalStore(
    (onChange) => store.subscribe(onChange),
    () => store.version,
  );
}

/**
 * The table's rows, filtered, sorted and counted: one view per store, updated with the ids the store
 * says changed (core/sighting-view.ts), so an edit or a keystroke costs milliseconds at 100,000 rows.
 */
export function useSightingList(filter: SightingFilter, order: SortOrder) {
  const store = useCrisisStore();
  // store.rows changes identity once, when a progressive open has read the journal.
  const source = useSyncExternalStore((onChange) => store.subscribe(onChange), () => store.rows);
  const view = useMemo(() => new SightingView(source, filter, order), [source]); // eslint-disable-line react-hooks/exhaustive-deps
  useMemo(() => view.setFilter(filter), [view, filter]);
  useMemo(() => view.setOrder(order), [view, order]);
  const version = useSyncExternalStore(
    (onChange) =>
      store.subscribe((changed) => {
        view.update(changed);
        onChange();
      }),
    () => view.version,
  );
  useEffect(() => (store.loading ? undefined : warmUp(source)), [store, source]);
  return useMemo(
    () => ({ rows: view.rows, counts: view.statusCounts, total: view.total }),
    // version stands for the view's content
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [view, version, filter, order],
  );
}

/** Search text built in idle slices after opening, so the first keystroke finds it ready. */
function warmUp(rows: ReadonlyMap<string, Sighting>): () => void {
  const all = [...rows.values()];
  let at = 0;
  let handle: ReturnType<typeof setTimeout> | number | undefined;
  const idle = typeof requestIdleCallback === 'function' ? requestIdleCallback : (f: () => void) => setTimeout(f, 50);
  const step = () => {
    warmSearch(all.slice(at, (at += 500)));
    if (at < all.length) handle = idle(step);
  };
  handle = idle(step);
  return () => {
    if (typeof cancelIdleCallback === 'function' && typeof handle === 'number') cancelIdleCallback(handle);
    else clearTimeout(handle as ReturnType<typeof setTimeout>);
    at = all.length;
  };
}

export function useSighting(id: string | null) {
  const store = useCrisisStore();
  useStoreVersion(store);
  return id ? store.get(id) : undefined;
}

/**
 * A sighting's history lines (null while read). The history is not kept in memory: it is read from
 * the journal when shown, and again when this sighting changes.
 */
export function useHistory(id: string) {
  const store = useCrisisStore();
  // Member names can change without the sighting changing.
  const version = useStoreVersion(store);
  const [read, setRead] = useState<{ id: string; entries: Entry<SightingBody>[] } | null>(null);
  const [changes, setChanges] = useState(0);
  useEffect(() => store.subscribe((changed) => changed.has(id) && setChanges((c) => c + 1)), [store, id]);
  useEffect(() => {
    let current = true;
    store.entries(id).then(
      (entries) => current && setRead({ id, entries }),
      (e: Error) => console.warn('Vigie : historique illisible', e.message),
    );
    return () => {
      current = false;
    };
  }, [store, id, changes]);
  return useMemo(
    () => (read?.id === id ? historyLines(read.entries).map((l) => ({ ...l, actorName: store.member(l.actor)?.name ?? l.actor })) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, id, read, version],
  );
}
