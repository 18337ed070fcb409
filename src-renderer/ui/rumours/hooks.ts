// How the rumour components read the record: the rumours in their list order with their counts,
// recomputed when the store says something changed (rumour entries emit like every other).
import { useMemo } from 'react';
import { orderRumours } from '../../core/rumour-view';
import { useCrisisStore } from '../session';
import { useStoreVersion } from '../sightings/hooks';
import { useCan } from '../workflow/hooks';

export function useRumours() {
  const store = useCrisisStore();
  const version = useStoreVersion(store);
  // version stands for the record's content
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => orderRumours(store.state.workflow.rumours.values(), (id) => store.get(id)), [store, version]);
}

/** Whether this member may make a rumour public (coordinateur, COD, the crisis's creator). */
export function useCanPublish(): boolean {
  return useCan('publish');
}

/** A member's name for "créée par …" (their id's start when their profile has not arrived yet). */
export function useMemberName(): (actor: string) => string {
  const store = useCrisisStore();
  return (actor) => store.member(actor)?.name || actor.slice(0, 12);
}
