// The contract between the preload (src-main/preload.ts) and the page. The renderer imports the
// type only (`import type { VigieBridge } from '../../src-main/bridge'`); the main process and the
// preload share the channel names from here so they can't drift apart.
import type { AppInfo, SaveFileRequest } from '../src-renderer/platform/index-types';

export type { AppInfo, SaveFileRequest };

export const CHANNELS = {
  openExternal: 'vigie:open-external',
  saveFile: 'vigie:save-file',
  info: 'vigie:info',
} as const;

/** What the preload exposes as `window.vigie`. Nothing else of Electron reaches the page. */
export interface VigieBridge {
  /** Resolves true once the link was handed to the system browser; rejects if it was refused. */
  openExternal(url: string): Promise<boolean>;
  /** Resolves false when the user cancelled the save dialog. */
  saveFile(request: SaveFileRequest): Promise<boolean>;
  info(): Promise<AppInfo>;
}
