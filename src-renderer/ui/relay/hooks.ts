// How the relay kit's UI reads the record: its messages (newest change first), recomputed when the
// store says something changed; who may approve comes from the same rule table every copy applies.
import { useMemo } from 'react';
import type { RelayMessage } from '../../core/relay-kit-state';
import { useCrisisStore } from '../session';
import { useStoreVersion } from '../sightings/hooks';

/** Drafts and messages to approve first (they wait for someone), then by last change, newest first. */
const RANK: Record<RelayMessage['status'], number> = { a_approuver: 0, modifie: 0, brouillon: 1, approuve: 2 };

export function useRelayMessages(): RelayMessage[] {
  const store = useCrisisStore();
  const version = useStoreVersion(store);
  // version stands for the record's content
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => store.state.relayKit.messages().sort((x, y) => RANK[x.status] - RANK[y.status] || y.updatedAt - x.updatedAt || (x.id < y.id ? -1 : 1)), [store, version]);
}

/** A member's name (their id's start when their profile has not arrived yet). */
export function useMemberName(): (actor: string) => string {
  const store = useCrisisStore();
  return (actor) => store.member(actor)?.name || actor.slice(0, 12);
}
