// What an automatic line of the main courante names (members, sightings, forwardings, rumours,
// messages to relay), looked up in the open crisis: for the pane, the print view and the archive.
import type { CrisisStore } from '../../store/crisis-store';
import type { Lookups } from './describe';

export function lookupsOf(store: CrisisStore): Lookups {
  return {
    name: (id) => store.member(id)?.name || '?',
    sightingText: (id) => store.get(id)?.text,
    forwarding: (id) => store.state.workflow.forwardings.get(id),
    rumourClaim: (id) => store.state.workflow.rumours.get(id)?.claim,
    relayTitle: (id) => store.state.relayKit.message(id)?.title,
    invitation: (id) => {
      if (!store.member(id)?.invitation && !store.members().some((m) => m.via === id)) return undefined;
      return store.members().find((m) => m.via === id)?.name || '';
    },
  };
}
