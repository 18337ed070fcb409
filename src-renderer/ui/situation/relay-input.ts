// The relay kit's state (kinds `b`, `h`, `d`) as the point de situation's « Messages relayés » reads it.
import { relayInputFrom, type RelayInput } from '../../core/situation-relay';
import type { CrisisStore } from '../../store/crisis-store';

export function relayInputOf(store: CrisisStore): RelayInput | null {
  return relayInputFrom(store.state.relayKit.messages());
}
