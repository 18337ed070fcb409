// The main-process side of the vault (platform VaultCapability, src-renderer/platform/vault.ts):
// Electron's safeStorage, i.e. the system's keychain (macOS Keychain, Windows DPAPI, Linux
// libsecret or KWallet), seals the secrets the page keeps at rest. Same rules as every handler:
// our window and page only (assertTrustedSender), arguments validated with zod, French refusals.
//
// On Linux without a keyring Electron falls back to "basic_text", a fixed password: that is no
// protection, so the vault reports itself unavailable there and refuses to seal; the page then uses
// its own non-extractable WebCrypto key instead.
import { ipcMain, safeStorage } from 'electron';
import { z } from 'zod';
import { assertTrustedSender, type IpcDeps } from './ipc';
import { VAULT_CHANNELS } from './vault-channels';

/** "t:" or "b:" + base64url of at most 32 KiB, with room to spare. */
export const MAX_VAULT_TEXT = 64 * 1024;
/** safeStorage adds a few dozen bytes; base64 adds a third. */
export const MAX_VAULT_SEALED = 128 * 1024;

const WEAK_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

export const VAULT_MESSAGES = {
  unavailable: 'Le trousseau du système n’est pas disponible sur ce poste : Vigie ne peut pas y protéger ce secret.',
  unreadable: 'Secret illisible : le trousseau du système ne peut pas le déchiffrer (autre poste, autre session, ou secret altéré).',
} as const;

const sealSchema = z.string().min(1, { error: 'secret vide' }).max(MAX_VAULT_TEXT, { error: 'secret trop volumineux' }).refine((text) => /^[tb]:/.test(text), {
  error: 'secret mal formé',
});
const openSchema = z
  .string()
  .min(1, { error: 'secret vide' })
  .max(MAX_VAULT_SEALED, { error: 'secret trop volumineux' })
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'secret mal formé' });

export interface VaultStatus {
  available: boolean;
  /** keychain, dpapi, or Linux's backend name (gnome_libsecret, kwallet5…, basic_text). */
  backend: string;
}

export function vaultStatus(platform: NodeJS.Platform = process.platform): VaultStatus {
  if (!safeStorage.isEncryptionAvailable()) return { available: false, backend: 'none' };
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : platform === 'darwin' ? 'keychain' : 'dpapi';
  return { available: !WEAK_BACKENDS.has(backend), backend };
}

function parse<T>(schema: z.ZodType<T>, value: unknown, channel: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new Error(`Argument invalide pour ${channel} : ${result.error.issues[0]?.message ?? 'refusé'}.`);
}

export function registerVaultHandlers(deps: Pick<IpcDeps, 'appUrl' | 'getMainWindow'>): void {
  ipcMain.handle(VAULT_CHANNELS.status, (event): VaultStatus => {
    assertTrustedSender(event, deps);
    return vaultStatus();
  });

  ipcMain.handle(VAULT_CHANNELS.seal, (event, text: unknown): string => {
    assertTrustedSender(event, deps);
    const plain = parse(sealSchema, text, VAULT_CHANNELS.seal);
    if (!vaultStatus().available) throw new Error(VAULT_MESSAGES.unavailable);
    return safeStorage.encryptString(plain).toString('base64');
  });

  ipcMain.handle(VAULT_CHANNELS.open, (event, sealed: unknown): string => {
    assertTrustedSender(event, deps);
    const data = parse(openSchema, sealed, VAULT_CHANNELS.open);
    if (!safeStorage.isEncryptionAvailable()) throw new Error(VAULT_MESSAGES.unavailable);
    try {
      return safeStorage.decryptString(Buffer.from(data, 'base64'));
    } catch {
      throw new Error(VAULT_MESSAGES.unreadable);
    }
  });
}
