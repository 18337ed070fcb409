// Platform inside the desktop shell: everything goes through the preload bridge (window.vigie).
import type { AppInfo, BasemapCapability, Platform, PrintRequest, RelayCapability, SaveFileRequest, VaultCapability, VigieBridge } from './index-types';
import { createBrowserVault, createShellVault } from './vault';
import { isSafeHttpUrl as isSafeExternalUrl } from '../core/links';

/**
 * Electron prefixes an error thrown in the main process with "Error invoking remote method '…':
 * Error:"; the main process already words its refusals in French for the user, so only that is kept.
 */
export function mainProcessMessage(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, ''));
}

function relayOf(bridge: VigieBridge): RelayCapability | undefined {
  const relay = bridge.relay;
  if (!relay) return undefined;
  const call = <T>(run: () => Promise<T>): Promise<T> =>
    run().catch((error: unknown) => {
      throw mainProcessMessage(error);
    });
  return {
    interfaces: () => call(() => relay.interfaces()),
    start: (options) => call(() => relay.start(options)),
    stop: () => call(() => relay.stop()),
    status: () => call(() => relay.status()),
  };
}

function basemapsOf(bridge: VigieBridge): BasemapCapability | undefined {
  const basemaps = bridge.basemaps;
  if (!basemaps) return undefined;
  const call = <T>(run: () => Promise<T>): Promise<T> =>
    run().catch((error: unknown) => {
      throw mainProcessMessage(error);
    });
  return {
    pickPmtiles: () => call(() => basemaps.pickPmtiles()),
    readPmtiles: (request) => call(() => basemaps.readPmtiles(request)),
    allowOnlineTiles: (template) => call(() => basemaps.allowOnlineTiles(template)),
    fetchOnlineTile: (tile) => call(() => basemaps.fetchOnlineTile(tile)),
  };
}

/**
 * Pinned relay certificates through the main process (src-main/relay-certificates.ts). Never
 * rejects: a refusal (which the page's own validation should have prevented) is logged and counts as
 * not pinned, so that sync still starts with the certificates the system trusts.
 */
function trustRelayCertificatesOf(bridge: VigieBridge): (fingerprints: readonly string[]) => Promise<boolean> {
  return async (fingerprints) => {
    if (!bridge.trustRelayCertificates) return false;
    try {
      await bridge.trustRelayCertificates([...fingerprints]);
      return true;
    } catch (error) {
      console.warn('Vigie : empreintes de certificats refusées par l’application', mainProcessMessage(error).message);
      return false;
    }
  };
}

/**
 * The system's keychain through the main process; the app profile's own WebCrypto vault where the
 * system has none (Linux without libsecret or KWallet) or the preload predates the vault.
 */
function vaultOf(bridge: VigieBridge, fallback: VaultCapability): VaultCapability {
  return bridge.vault ? createShellVault(bridge.vault, fallback, mainProcessMessage) : fallback;
}

/** printToPDF through the main process; a preload that predates it prints as a browser does. */
function printToPdfOf(bridge: VigieBridge, print: () => void): (request: PrintRequest) => Promise<boolean> {
  return async (request) => {
    if (!bridge.printToPdf) {
      print();
      return true;
    }
    return bridge.printToPdf({ suggestedName: request.suggestedName }).catch((error: unknown) => {
      throw mainProcessMessage(error);
    });
  };
}

export function createElectronPlatform(bridge: VigieBridge, fallbackVault: VaultCapability = createBrowserVault(), print = () => window.print()): Platform {
  return {
    shell: 'electron',
    vault: vaultOf(bridge, fallbackVault),
    async openExternal(url: string): Promise<boolean> {
      // Refused here already, so an unsafe link costs no round trip and raises no error;
      // the main process checks again and does not rely on this.
      if (!isSafeExternalUrl(url)) return false;
      return bridge.openExternal(url);
    },
    saveFile: (request: SaveFileRequest): Promise<boolean> => bridge.saveFile(request),
    info: (): Promise<AppInfo> => bridge.info(),
    relay: relayOf(bridge),
    onInvitation: bridge.onInvitation ? (listener) => bridge.onInvitation!(listener) : undefined,
    onExportPublicMap: bridge.onExportPublicMap ? (listener) => bridge.onExportPublicMap!(listener) : undefined,
    basemaps: basemapsOf(bridge),
    trustRelayCertificates: trustRelayCertificatesOf(bridge),
    printToPdf: printToPdfOf(bridge, print),
  };
}
