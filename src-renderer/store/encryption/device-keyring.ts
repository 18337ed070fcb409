// This copy's keyring, from the keys on its file shelf, each sealed by the platform's vault.
import type { VaultCapability } from '../../platform/index-types';
import { Keyring } from './keyring';
import { fileShelf } from './shelf';

/** Undefined where the browser has no private file system: the database then rests unencrypted. */
export async function deviceKeyring(vault: VaultCapability): Promise<Keyring | undefined> {
  const shelf = await fileShelf();
  if (!shelf) {
    console.warn('Vigie : pas de système de fichiers privé, la base locale n’est pas chiffrée au repos.');
    return undefined;
  }
  // Two pages of the same profile starting together must not each make a first key (Web Locks).
  const locks = globalThis.navigator?.locks;
  return locks ? locks.request('vigie-cles', () => Keyring.open(shelf, vault)) : Keyring.open(shelf, vault);
}
