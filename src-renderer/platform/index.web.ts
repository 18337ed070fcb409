// Platform in a plain browser (the fallback when Electron is unavailable, or a colleague's browser).
import { version } from '../../package.json';
import type { AppInfo, Platform, SaveFileRequest, VaultCapability } from './index-types';
import { createBrowserVault } from './vault';
import { isSafeHttpUrl as isSafeExternalUrl } from '../core/links';

/** The browser objects used, injectable so tests need no real window. */
export interface WebEnvironment {
  open(url: string, target: string, features: string): unknown;
  document: Document;
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
  /** The browser's print dialog (blocks until it closes). */
  print(): void;
}

function defaultEnvironment(): WebEnvironment {
  return {
    open: (url, target, features) => window.open(url, target, features),
    document: window.document,
    createObjectURL: (blob) => URL.createObjectURL(blob),
    revokeObjectURL: (url) => URL.revokeObjectURL(url),
    print: () => window.print(),
  };
}

export function createWebPlatform(env: () => WebEnvironment = defaultEnvironment, vault: VaultCapability = createBrowserVault()): Platform {
  return {
    shell: 'web',
    vault,
    async openExternal(url: string): Promise<boolean> {
      if (!isSafeExternalUrl(url)) return false;
      // noopener: the opened site gets no handle back on the app's window.
      env().open(url, '_blank', 'noopener,noreferrer');
      return true;
    },
    async saveFile({ suggestedName, data, mime }: SaveFileRequest): Promise<boolean> {
      const { document, createObjectURL, revokeObjectURL } = env();
      // Data from the app is never backed by a SharedArrayBuffer; the cast only narrows the type.
      const part = typeof data === 'string' ? data : (data as Uint8Array<ArrayBuffer>);
      const href = createObjectURL(new Blob([part], { type: mime }));
      const link = document.createElement('a');
      link.href = href;
      link.download = suggestedName;
      link.rel = 'noopener';
      link.style.display = 'none';
      document.body.append(link);
      link.click();
      link.remove();
      // Revoked later: some browsers read the blob after click() returns.
      setTimeout(() => revokeObjectURL(href), 60_000);
      // A browser doesn't say whether the user kept the download: from here it counts as saved.
      return true;
    },
    info: async (): Promise<AppInfo> => ({ shell: 'web', version }),
    // A page cannot pin a certificate: the browser accepts a wss:// relay's self-signed certificate
    // only once its user trusted it (opening https://host:port/health and accepting it, docs/relay.md).
    trustRelayCertificates: async (): Promise<boolean> => false,
    // A page cannot write a PDF itself: the browser's dialog offers « Enregistrer au format PDF ».
    async printToPdf(): Promise<boolean> {
      env().print();
      return true;
    },
  };
}
