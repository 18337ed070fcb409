// @vitest-environment jsdom
// The sync settings dialog with the relay host panel: the fingerprint field (French error naming the
// line, AA:BB:… accepted and stored as lowercase hex, the shell told before reconnecting) and the
// encrypted relay started from the app, filling in the settings in one click. Session, registry and
// platform are stood in for: this is about the dialog.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncAddresses } from '../../src-renderer/core/invitation';

const FP = '3f2a9c0b7d1e4f5a6b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c';
const COLONS = FP.toUpperCase().match(/../g)!.join(':');

const fakes = vi.hoisted(() => {
  const sync = { currentAddresses: { signaling: [], relay: [], ice: [] } as SyncAddresses, setAddresses: vi.fn(async (_a: SyncAddresses) => undefined) };
  const order: string[] = [];
  const relay = {
    interfaces: vi.fn(async () => [{ name: 'eth0', address: '192.168.10.2' }]),
    start: vi.fn(async ({ host, port, tls }: { host: string; port: number; tls?: boolean }) =>
      tls
        ? { signalingUrl: `wss://${host}:${port}/signal`, syncUrl: `wss://${host}:${port}/sync`, fingerprint: '3f2a9c0b7d1e4f5a6b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c' }
        : { signalingUrl: `ws://${host}:${port}/signal`, syncUrl: `ws://${host}:${port}/sync` },
    ),
    stop: vi.fn(async () => undefined),
    status: vi.fn(async () => ({ running: false })),
  };
  const platform = { shell: 'electron', relay, trustRelayCertificates: vi.fn(async (_list: readonly string[]) => true) };
  const saveAddresses = vi.fn(async (_db: unknown, _id: string, _a: SyncAddresses) => undefined);
  return { sync, relay, platform, saveAddresses, order };
});

vi.mock('../../src-renderer/platform', () => ({ platform: fakes.platform }));
vi.mock('../../src-renderer/store/registry', () => ({ saveAddresses: fakes.saveAddresses }));
vi.mock('../../src-renderer/ui/session', () => ({
  useSession: () => ({ db: {}, store: { crisis: { id: 'c1' } } }),
  useSyncSession: () => fakes.sync,
}));
vi.mock('../../src-renderer/ui/sync/Dialog', () => ({ Dialog: ({ children }: { children: unknown }) => children }));

const { initI18n } = await import('../../src-renderer/i18n');
const { SyncSettings } = await import('../../src-renderer/ui/sync/SyncSettings');

const field = (label: RegExp) => screen.getByLabelText(label) as HTMLTextAreaElement;

describe('sync settings: certificate fingerprints', () => {
  beforeAll(() => initI18n('fr'));
  beforeEach(() => {
    vi.clearAllMocks();
    fakes.sync.currentAddresses = { signaling: [], relay: [], ice: [] };
    fakes.platform.trustRelayCertificates.mockImplementation(async () => (fakes.order.push('trust'), true));
    fakes.sync.setAddresses.mockImplementation(async () => void fakes.order.push('reconnect'));
    fakes.order.length = 0;
  });
  afterEach(cleanup);

  it('names the wrong line and why, in French, and saves nothing', async () => {
    render(createElement(SyncSettings, { onClose: () => {} }));
    fireEvent.change(field(/Empreintes des certificats \(wss:\/\/\), une par ligne/), { target: { value: `${FP}\n\n${FP.slice(1)}\n${FP.slice(0, 40)}` } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' })));
    expect(screen.getByRole('alert').textContent).toBe(
      'Empreintes, ligne 3 : 63 chiffres hexadécimaux au lieu de 64 ; Empreintes, ligne 4 : c’est une empreinte SHA-1 (40 chiffres) ; il faut l’empreinte SHA-256 (64 chiffres)',
    );
    expect(fakes.saveAddresses).not.toHaveBeenCalled();
    expect(fakes.sync.setAddresses).not.toHaveBeenCalled();
  });

  it('stores the AA:BB:… form as lowercase hex, tells the shell, then reconnects', async () => {
    render(createElement(SyncSettings, { onClose: () => {} }));
    fireEvent.change(field(/Relais \(ws:/), { target: { value: 'wss://192.168.10.2:4444/sync' } });
    fireEvent.change(field(/Empreintes des certificats/), { target: { value: `sha256 Fingerprint=${COLONS}\n` } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' })));
    const expected = { signaling: [], relay: ['wss://192.168.10.2:4444/sync'], ice: [], fingerprints: [FP] };
    expect(fakes.saveAddresses).toHaveBeenCalledWith({}, 'c1', expected);
    expect(fakes.platform.trustRelayCertificates).toHaveBeenCalledWith([FP]);
    expect(fakes.sync.setAddresses).toHaveBeenCalledWith(expected);
    expect(fakes.order).toEqual(['trust', 'reconnect']);
    expect(field(/Empreintes des certificats/).value).toBe(FP);
    expect(screen.getByRole('status').textContent).toBe('Réglages enregistrés');
  });

  it('leaves the field out of the addresses when empty, and clears the shell’s list', async () => {
    fakes.sync.currentAddresses = { signaling: [], relay: ['wss://192.168.10.2:4444/sync'], ice: [], fingerprints: [FP] };
    render(createElement(SyncSettings, { onClose: () => {} }));
    expect(field(/Empreintes des certificats/).value).toBe(FP);
    fireEvent.change(field(/Empreintes des certificats/), { target: { value: '  \n' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' })));
    expect(fakes.saveAddresses).toHaveBeenCalledWith({}, 'c1', { signaling: [], relay: ['wss://192.168.10.2:4444/sync'], ice: [] });
    expect(fakes.platform.trustRelayCertificates).toHaveBeenCalledWith([]);
  });

  it('says when the shell cannot pin (a browser)', async () => {
    fakes.platform.trustRelayCertificates.mockImplementation(async () => false);
    render(createElement(SyncSettings, { onClose: () => {} }));
    fireEvent.change(field(/Empreintes des certificats/), { target: { value: FP } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' })));
    expect(screen.getByRole('status').textContent).toMatch(/^Réglages enregistrés\. Ce navigateur ne peut pas retenir une empreinte/);
  });

  it('starts the relay encrypted from the app and fills in wss:// addresses and the fingerprint in one click', async () => {
    fakes.sync.currentAddresses = { signaling: ['ws://192.168.10.2:4444/signal'], relay: ['ws://192.168.10.2:4444/sync', 'ws://10.0.0.9:4444/sync'], ice: [] };
    render(createElement(SyncSettings, { onClose: () => {} }));
    await screen.findByRole('option', { name: '192.168.10.2 (eth0)' });
    fireEvent.click(screen.getByLabelText('Chiffrer (wss://, certificat auto-signé)'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Démarrer le relais' })));
    expect(fakes.relay.start).toHaveBeenCalledWith({ host: '192.168.10.2', port: 4444, tls: true });
    expect(field(/signalisation/).value).toBe('wss://192.168.10.2:4444/signal');
    expect(field(/Relais \(ws:/).value).toBe('wss://192.168.10.2:4444/sync\nws://10.0.0.9:4444/sync');
    expect(field(/Empreintes des certificats/).value).toBe(FP);
    expect(screen.getByText(`Empreinte SHA-256 du certificat : ${COLONS}`)).toBeTruthy();
    expect((screen.getByLabelText('Chiffrer (wss://, certificat auto-signé)') as HTMLInputElement).disabled).toBe(true);
  });
});
