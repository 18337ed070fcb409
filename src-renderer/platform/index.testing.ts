// An in-memory Platform for unit tests: records every call, touches nothing outside the test.
import type { AppInfo, Platform, SaveFileRequest } from './index-types';
import { createMemoryVault } from './vault';
import { isSafeHttpUrl as isSafeExternalUrl } from '../core/links';

export type PlatformCall =
  | { method: 'openExternal'; url: string; accepted: boolean }
  | { method: 'saveFile'; request: SaveFileRequest; saved: boolean }
  | { method: 'info' }
  | { method: 'trustRelayCertificates'; fingerprints: string[] }
  | { method: 'printToPdf'; suggestedName: string };

export interface TestingPlatform extends Platform {
  /** Every call, in order. */
  readonly calls: PlatformCall[];
  /** Links that would have been opened (the safe ones only). */
  readonly openedUrls: string[];
  /** Files that would have been saved. */
  readonly savedFiles: SaveFileRequest[];
  /** Set to true to play a user who cancels the save dialog. */
  cancelSaves: boolean;
  /** The last list of relay certificate fingerprints the app declared (as the desktop shell keeps it). */
  trustedFingerprints: string[];
}

export function createTestingPlatform(appInfo: Partial<AppInfo> = {}): TestingPlatform {
  const platform: TestingPlatform = {
    shell: appInfo.shell ?? 'web',
    calls: [],
    openedUrls: [],
    savedFiles: [],
    cancelSaves: false,
    trustedFingerprints: [],
    // A real AES-GCM key, in memory: what is sealed in a test is really encrypted.
    vault: createMemoryVault(),
    async openExternal(url) {
      // Same rule as the real shells, so a test catches a link they would refuse.
      const accepted = isSafeExternalUrl(url);
      platform.calls.push({ method: 'openExternal', url, accepted });
      if (accepted) platform.openedUrls.push(url);
      return accepted;
    },
    async saveFile(request) {
      const saved = !platform.cancelSaves;
      platform.calls.push({ method: 'saveFile', request, saved });
      if (saved) platform.savedFiles.push(request);
      return saved;
    },
    async info() {
      platform.calls.push({ method: 'info' });
      return { shell: platform.shell, version: appInfo.version ?? '0.0.0-test', dataDir: appInfo.dataDir };
    },
    async trustRelayCertificates(fingerprints) {
      platform.calls.push({ method: 'trustRelayCertificates', fingerprints: [...fingerprints] });
      platform.trustedFingerprints = [...fingerprints];
      // Pins like the desktop shell it plays; a browser cannot.
      return platform.shell === 'electron';
    },
    async printToPdf({ suggestedName }) {
      platform.calls.push({ method: 'printToPdf', suggestedName });
      return !platform.cancelSaves;
    },
  };
  return platform;
}
