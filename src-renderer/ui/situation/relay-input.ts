// Where the relay kit's records (kinds `b`, `h`, `d`) will feed the point de situation's « Messages
// relayés » section. Until the relay kit's state exists on the store, there is no relay data: the
// section shows « — ». Hook-up: read the kit's state here (messages with their approved version's
// time and each volunteer's relays) and map it onto core/situation-relay.ts's RelayInput.
import type { RelayInput } from '../../core/situation-relay';
import type { CrisisStore } from '../../store/crisis-store';

export function relayInputOf(_store: CrisisStore): RelayInput | null {
  return null;
}
