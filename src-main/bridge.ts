// The contract between the preload (src-main/preload.ts) and the page. Its shape is declared beside
// the renderer's platform interface; the main process and the preload share the channel names from
// here so they can't drift apart.
export type { AppInfo, SaveFileRequest, VigieBridge } from '../src-renderer/platform/index-types';

export const CHANNELS = {
  openExternal: 'vigie:open-external',
  saveFile: 'vigie:save-file',
  info: 'vigie:info',
} as const;
