// An invitation waiting to be shown in "Rejoindre une crise": from a #/join/… address (web build)
// or a vigie://join/… link the desktop shell received.
import { useSyncExternalStore } from 'react';

let pending = '';
const listeners = new Set<() => void>();

export function setPendingInvitation(link: string): void {
  pending = link;
  listeners.forEach((l) => l());
}

/** Takes a "#/join/<code>" address once, then clears it from the address bar. */
export function takeInvitationFromAddress(): void {
  const match = location.hash.match(/^#\/join\/(.+)$/);
  if (!match) return;
  history.replaceState(null, '', location.pathname + location.search);
  setPendingInvitation(match[1]);
}

export function usePendingInvitation(): string {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => pending,
  );
}
