// How components read sightings: snapshots of the store, recomputed when it changes.
import { useMemo, useSyncExternalStore } from 'react';
import { historyLines } from '../../core/changes';
import { countByStatus, filterSightings, sortSightings, type SightingFilter, type SortOrder } from '../../core/query';
import type { CrisisStore } from '../../store/crisis-store';
import { useCrisisStore } from '../session';

export function useStoreVersion(store: CrisisStore): number {
  return useSyncExternalStore(
    (onChange) => store.subscribe(onChange),
    () => store.version,
  );
}

export function useSightingList(filter: SightingFilter, order: SortOrder) {
  const store = useCrisisStore();
  const version = useStoreVersion(store);
  return useMemo(() => {
    const all = Array.from(store.rows.values());
    return { rows: sortSightings(filterSightings(all, filter), order), counts: countByStatus(all, filter), total: all.length };
    // version stands for the store's content
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, version, filter, order]);
}

export function useSighting(id: string | null) {
  const store = useCrisisStore();
  useStoreVersion(store);
  return id ? store.get(id) : undefined;
}

export function useHistory(id: string) {
  const store = useCrisisStore();
  const version = useStoreVersion(store);
  return useMemo(
    () => historyLines(store.entries(id)).map((l) => ({ ...l, actorName: store.member(l.actor)?.name ?? l.actor })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, id, version],
  );
}
