// The vault capability of every shell: secrets really encrypted, bound to the device's key, the same
// type back, and refusals in French.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import type { VaultBridge } from '../../../src-renderer/platform/index-types';
import { createElectronPlatform } from '../../../src-renderer/platform/index.electron';
import { createTestingPlatform } from '../../../src-renderer/platform/index.testing';
import { createWebPlatform } from '../../../src-renderer/platform/index.web';
import {
  createBrowserVault,
  createMemoryVault,
  loadDeviceKey,
  MAX_SECRET_BYTES,
  VAULT_DB,
  VAULT_ERRORS,
  VAULT_KEY_ID,
  VAULT_STORE,
} from '../../../src-renderer/platform/vault';

const CRISIS_KEY = 'q5Jc0ZpN1w8mF4rX7aVb2tYh9eLk3sGu6oPi0dQzW1E';
const SIGNING_KEY = Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff);

function readStoredKey(idb: IDBFactory): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const open = idb.open(VAULT_DB);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction(VAULT_STORE).objectStore(VAULT_STORE).get(VAULT_KEY_ID);
      get.onsuccess = () => {
        open.result.close();
        resolve(get.result);
      };
    };
  });
}

function deleteDatabase(idb: IDBFactory): Promise<void> {
  return new Promise((resolve, reject) => {
    const del = idb.deleteDatabase(VAULT_DB);
    del.onsuccess = () => resolve();
    del.onerror = () => reject(del.error);
  });
}

describe.each([
  ['memory (testing platform)', () => createTestingPlatform().vault],
  ['browser (IndexedDB)', () => createBrowserVault(new IDBFactory())],
])('vault: %s', (_name, make) => {
  it('gives back exactly what was sealed, text as text and bytes as bytes', async () => {
    const vault = make();
    const text = await vault.open(await vault.seal(CRISIS_KEY));
    expect(text).toBe(CRISIS_KEY);
    const bytes = await vault.open(await vault.seal(SIGNING_KEY));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...(bytes as Uint8Array)]).toEqual([...SIGNING_KEY]);
    expect(await vault.open(await vault.seal(''))).toBe('');
    expect(await vault.open(await vault.seal('Clé de crise « Crue » ✓'))).toBe('Clé de crise « Crue » ✓');
  });

  it('really encrypts: nothing of the secret shows, and each seal is different', async () => {
    const vault = make();
    const a = await vault.seal(CRISIS_KEY);
    const b = await vault.seal(CRISIS_KEY);
    expect(a).toMatch(/^vigie-vault:1:wc:t:[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(CRISIS_KEY.slice(0, 8));
    const decoded = atob(a.split(':').pop()!.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((a.split(':').pop()!.length + 3) % 4));
    expect(decoded).not.toContain(CRISIS_KEY.slice(0, 8));
  });

  it('refuses an altered secret, a swapped type, a foreign string, in French', async () => {
    const vault = make();
    const sealed = await vault.seal(CRISIS_KEY);
    const body = sealed.slice(sealed.lastIndexOf(':') + 1);
    const flipped = body[10] === 'A' ? 'B' : 'A';
    await expect(vault.open(sealed.slice(0, -body.length) + body.slice(0, 10) + flipped + body.slice(11))).rejects.toThrow(VAULT_ERRORS.otherDevice);
    // The kind is authenticated: a text can't be reread as bytes.
    await expect(vault.open(sealed.replace(':wc:t:', ':wc:b:'))).rejects.toThrow(VAULT_ERRORS.otherDevice);
    for (const foreign of ['', CRISIS_KEY, 'vigie-vault:1:wc:t:', 'vigie-vault:1:wc:x:AAAA', 'vigie-vault:2:wc:t:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'vigie-vault:1:wc:t:AAAA']) {
      await expect(vault.open(foreign)).rejects.toThrow(VAULT_ERRORS.notSealed);
    }
    await expect(vault.open('vigie-vault:1:os:AAAA')).rejects.toThrow(VAULT_ERRORS.desktopOnly);
  });

  it('refuses what is not text or bytes, and secrets over 32 KiB', async () => {
    const vault = make();
    for (const value of [42, null, undefined, { key: 'x' }, [1, 2], new ArrayBuffer(4)]) {
      await expect(vault.seal(value as never)).rejects.toThrow(VAULT_ERRORS.wrongType);
    }
    await expect(vault.seal(new Uint8Array(MAX_SECRET_BYTES + 1))).rejects.toThrow(VAULT_ERRORS.tooLarge);
    await expect(vault.seal('é'.repeat(MAX_SECRET_BYTES / 2 + 1))).rejects.toThrow(VAULT_ERRORS.tooLarge);
    await expect(vault.open(await vault.seal(new Uint8Array(MAX_SECRET_BYTES)))).resolves.toHaveLength(MAX_SECRET_BYTES);
  });

  it('cannot open what another device (another key) sealed', async () => {
    const sealed = await make().seal(CRISIS_KEY);
    await expect(make().open(sealed)).rejects.toThrow(VAULT_ERRORS.otherDevice);
  });
});

describe('browser vault', () => {
  it('keeps one non-extractable key in IndexedDB, found again after a reload', async () => {
    const idb = new IDBFactory();
    const sealed = await createBrowserVault(idb).seal(CRISIS_KEY);
    const stored = (await readStoredKey(idb)) as CryptoKey;
    expect(stored.type).toBe('secret');
    expect(stored.extractable).toBe(false);
    expect(stored.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', stored)).rejects.toThrow();
    // A new vault on the same profile (the page reloaded) opens it.
    await expect(createBrowserVault(idb).open(sealed)).resolves.toBe(CRISIS_KEY);
    await expect(createBrowserVault(idb).protection()).resolves.toBe('browser');
  });

  it('keeps a single key when two tabs start at once', async () => {
    const idb = new IDBFactory();
    const [a, b] = await Promise.all([loadDeviceKey(idb), loadDeviceKey(idb)]);
    const vaultA = createBrowserVault(idb);
    const vaultB = createBrowserVault(idb);
    const [sealedA, sealedB] = await Promise.all([vaultA.seal('A'), vaultB.seal('B')]);
    await expect(vaultB.open(sealedA)).resolves.toBe('A');
    await expect(vaultA.open(sealedB)).resolves.toBe('B');
    const iv = new Uint8Array(12);
    const c = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, a, new Uint8Array([1, 2, 3]));
    await expect(crypto.subtle.decrypt({ name: 'AES-GCM', iv }, b, c)).resolves.toBeDefined();
  });

  it('cannot open anything once the profile lost its key', async () => {
    const idb = new IDBFactory();
    const sealed = await createBrowserVault(idb).seal(CRISIS_KEY);
    await deleteDatabase(idb);
    await expect(createBrowserVault(idb).open(sealed)).rejects.toThrow(VAULT_ERRORS.otherDevice);
  });

  it('says so in French where there is no IndexedDB', async () => {
    await expect(loadDeviceKey(null as unknown as IDBFactory)).rejects.toThrow(VAULT_ERRORS.noCrypto);
  });
});

describe('web platform', () => {
  it('has the browser vault', async () => {
    const platform = createWebPlatform(undefined, createBrowserVault(new IDBFactory()));
    await expect(platform.vault.protection()).resolves.toBe('browser');
    await expect(platform.vault.open(await platform.vault.seal(CRISIS_KEY))).resolves.toBe(CRISIS_KEY);
  });
});

describe('desktop platform', () => {
  const bridge = (available: boolean) => {
    const vault = {
      stored: [] as string[],
      status: vi.fn(async () => ({ available, backend: available ? 'gnome_libsecret' : 'basic_text' })),
      seal: vi.fn(async (text: string) => {
        vault.stored.push(text);
        return btoa(String.fromCharCode(...new TextEncoder().encode(text).map((b) => b ^ 0x5a)));
      }),
      open: vi.fn(async (sealed: string) => {
        if (sealed === 'BROKEN') throw new Error("Error invoking remote method 'vigie:vault-open': Error: Secret illisible : le trousseau du système ne peut pas le déchiffrer.");
        return new TextDecoder().decode(Uint8Array.from(atob(sealed), (c) => c.charCodeAt(0) ^ 0x5a));
      }),
    } satisfies VaultBridge & { stored: string[] };
    return vault;
  };
  const shell = (vault?: VaultBridge) =>
    createElectronPlatform(
      {
        openExternal: async () => true,
        saveFile: async () => true,
        info: async () => ({ shell: 'electron' as const, version: '1', dataDir: '/d' }),
        vault,
      },
      createMemoryVault(),
    );

  it('seals with the system keychain through the main process when it has one', async () => {
    const vault = bridge(true);
    const platform = shell(vault);
    await expect(platform.vault.protection()).resolves.toBe('os');
    const text = await platform.vault.seal(CRISIS_KEY);
    expect(text).toMatch(/^vigie-vault:1:os:/);
    expect(vault.stored).toEqual([`t:${CRISIS_KEY}`]);
    await expect(platform.vault.open(text)).resolves.toBe(CRISIS_KEY);
    const bytes = await platform.vault.open(await platform.vault.seal(SIGNING_KEY));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...(bytes as Uint8Array)]).toEqual([...SIGNING_KEY]);
    expect(vault.status).toHaveBeenCalledOnce();
  });

  it('falls back on its own WebCrypto key where the system has no keychain (basic_text), and opens both', async () => {
    const vault = bridge(false);
    const platform = shell(vault);
    await expect(platform.vault.protection()).resolves.toBe('memory');
    const sealed = await platform.vault.seal(CRISIS_KEY);
    expect(sealed).toMatch(/^vigie-vault:1:wc:t:/);
    expect(vault.seal).not.toHaveBeenCalled();
    await expect(platform.vault.open(sealed)).resolves.toBe(CRISIS_KEY);
    // Something sealed by the keychain before still goes to the main process.
    await expect(platform.vault.open(`vigie-vault:1:os:${btoa(String.fromCharCode(...new TextEncoder().encode('t:ancien').map((b) => b ^ 0x5a)))}`)).resolves.toBe('ancien');
  });

  it('shows the main process refusal in French, without Electron’s prefix', async () => {
    const platform = shell(bridge(true));
    await expect(platform.vault.open('vigie-vault:1:os:BROKEN')).rejects.toThrow(/^Secret illisible : le trousseau du système/);
  });

  it('works with a preload that predates the vault', async () => {
    const platform = shell(undefined);
    await expect(platform.vault.open(await platform.vault.seal('x'))).resolves.toBe('x');
  });
});
