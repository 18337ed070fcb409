// @vitest-environment jsdom
// Who is looking at which sighting (ui/sync/hooks.ts useViewers): a component reading it renders again
// when that changes, not at every change of the sync status (a copy streaming the crisis to a
// newcomer changes its status several times a second, and the workspace reads the viewers).
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PeerPresence, SyncStatus } from '../../../src-renderer/sync/session';

const sync = vi.hoisted(() => {
  const listeners = new Set<() => void>();
  let snapshot = { peers: [] as PeerPresence[], transports: [] as unknown[] };
  return {
    subscribe(l: () => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    status: () => snapshot as unknown as SyncStatus,
    set(next: typeof snapshot) {
      snapshot = next;
      for (const l of listeners) l();
    },
  };
});
vi.mock('../../../src-renderer/ui/session', () => ({ useSyncSession: () => sync }));

const { useViewers } = await import('../../../src-renderer/ui/sync/hooks');

let renders = 0;
function Probe() {
  renders++;
  const viewers = useViewers();
  return <p>{[...viewers].map(([id, list]) => `${id}: ${list.map((v) => `${v.name}${v.editing ? ' (modifie)' : ''}`).join(', ')}`).join(' ; ') || 'personne'}</p>;
}

const peer = (clientId: number, name: string, viewing?: string, editing = false): PeerPresence => ({ clientId, actor: `a${clientId}`, name, role: 'veilleur', viewing, editing });

afterEach(cleanup);

describe('useViewers', () => {
  it('renders again when who views what changes, not when only the rest of the status does', () => {
    sync.set({ peers: [peer(1, 'Alice', 's1')], transports: [] });
    render(<Probe />);
    expect(screen.getByText('s1: Alice')).toBeTruthy();
    const before = renders;
    // The stream's progress, a peer's state vector: new status objects, the same viewers.
    for (let i = 0; i < 5; i++) act(() => sync.set({ peers: [peer(1, 'Alice', 's1'), peer(2, 'Bruno')], transports: [{ sent: i }] }));
    expect(renders).toBe(before);
    act(() => sync.set({ peers: [peer(1, 'Alice', 's1', true), peer(2, 'Bruno', 's1')], transports: [] }));
    expect(renders).toBe(before + 1);
    expect(screen.getByText('s1: Alice (modifie), Bruno')).toBeTruthy();
    act(() => sync.set({ peers: [], transports: [] }));
    expect(screen.getByText('personne')).toBeTruthy();
  });
});
