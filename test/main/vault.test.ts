// The vault's main-process handlers (src-main/vault.ts), with Electron faked: safeStorage seals,
// only for our window, only valid arguments, never with Linux's basic_text "encryption".
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./electron-fake')).createElectronFake());
vi.mock('electron', () => electron);

const { VAULT_CHANNELS } = await import('../../src-main/vault-channels');
const { registerVaultHandlers, vaultStatus, VAULT_MESSAGES, MAX_VAULT_TEXT } = await import('../../src-main/vault');
const { FakeWebContents } = await import('./electron-fake');

const APP_URL = 'app://vigie/index.html';

describe('vault handlers', () => {
  let window: InstanceType<typeof electron.BrowserWindow>;
  const event = () => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });
  const invoke = (channel: string, ...args: unknown[]) => Promise.resolve().then(() => electron.handlers.get(channel)!(event(), ...args));

  beforeEach(() => {
    electron.reset();
    window = new electron.BrowserWindow({});
    window.webContents.mainFrame.url = APP_URL;
    registerVaultHandlers({ appUrl: APP_URL, getMainWindow: () => window as never });
  });

  it('registers its three channels', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(Object.values(VAULT_CHANNELS).sort());
  });

  it('seals with safeStorage and opens it again; what is stored is not the secret', async () => {
    await expect(invoke(VAULT_CHANNELS.status)).resolves.toEqual({ available: true, backend: 'gnome_libsecret' });
    const sealed = (await invoke(VAULT_CHANNELS.seal, 't:clé-de-crise-secrète')) as string;
    expect(electron.safeStorage.encryptString).toHaveBeenCalledWith('t:clé-de-crise-secrète');
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(sealed, 'base64').toString('utf8')).not.toContain('secrète');
    await expect(invoke(VAULT_CHANNELS.open, sealed)).resolves.toBe('t:clé-de-crise-secrète');
  });

  it('refuses to seal where Linux has no keyring (basic_text) or encryption is unavailable', async () => {
    electron.safeStorage.backend = 'basic_text';
    await expect(invoke(VAULT_CHANNELS.status)).resolves.toEqual({ available: false, backend: 'basic_text' });
    await expect(invoke(VAULT_CHANNELS.seal, 't:x')).rejects.toThrow(VAULT_MESSAGES.unavailable);
    electron.safeStorage.backend = 'gnome_libsecret';
    electron.safeStorage.available = false;
    expect(vaultStatus('linux')).toEqual({ available: false, backend: 'none' });
    await expect(invoke(VAULT_CHANNELS.seal, 't:x')).rejects.toThrow(VAULT_MESSAGES.unavailable);
    await expect(invoke(VAULT_CHANNELS.open, 'AAAA')).rejects.toThrow(VAULT_MESSAGES.unavailable);
    expect(electron.safeStorage.encryptString).not.toHaveBeenCalled();
    electron.safeStorage.available = true;
    expect(vaultStatus('darwin')).toEqual({ available: true, backend: 'keychain' });
    expect(vaultStatus('win32')).toEqual({ available: true, backend: 'dpapi' });
  });

  it('says in French when a sealed secret can not be opened', async () => {
    await expect(invoke(VAULT_CHANNELS.open, Buffer.from('pas scellé ici').toString('base64'))).rejects.toThrow(VAULT_MESSAGES.unreadable);
  });

  it.each([
    [VAULT_CHANNELS.seal, 42],
    [VAULT_CHANNELS.seal, undefined],
    [VAULT_CHANNELS.seal, ''],
    [VAULT_CHANNELS.seal, 'sans préfixe'],
    [VAULT_CHANNELS.seal, `t:${'a'.repeat(MAX_VAULT_TEXT)}`],
    [VAULT_CHANNELS.seal, { text: 't:x' }],
    [VAULT_CHANNELS.open, 42],
    [VAULT_CHANNELS.open, ''],
    [VAULT_CHANNELS.open, 'pas du base64 !'],
    [VAULT_CHANNELS.open, 'A'.repeat(200 * 1024)],
  ])('%s refuses %j', async (channel, value) => {
    await expect(invoke(channel, value)).rejects.toThrow(/^Argument invalide pour vigie:vault-/);
    expect(electron.safeStorage.encryptString).not.toHaveBeenCalled();
    expect(electron.safeStorage.decryptString).not.toHaveBeenCalled();
  });

  it('answers only our own window', async () => {
    const other = new FakeWebContents(APP_URL);
    const strangers = [
      { sender: other, senderFrame: other.mainFrame },
      { sender: window.webContents, senderFrame: { url: APP_URL } },
      { sender: window.webContents, senderFrame: { url: 'file:///opt/vigie/out/renderer/index.html' } },
    ];
    for (const stranger of strangers) {
      for (const channel of Object.values(VAULT_CHANNELS)) {
        await expect(Promise.resolve().then(() => electron.handlers.get(channel)!(stranger, 't:x'))).rejects.toThrow(/Appel refusé/);
      }
    }
    expect(electron.safeStorage.encryptString).not.toHaveBeenCalled();
    expect(electron.safeStorage.decryptString).not.toHaveBeenCalled();
  });
});
