// Platform inside the desktop shell: everything goes through the preload bridge (window.vigie).
import type { AppInfo, Platform, SaveFileRequest, VigieBridge } from './index-types';
import { isSafeHttpUrl as isSafeExternalUrl } from '../core/links';

export function createElectronPlatform(bridge: VigieBridge): Platform {
  return {
    shell: 'electron',
    async openExternal(url: string): Promise<boolean> {
      // Refused here already, so an unsafe link costs no round trip and raises no error;
      // the main process checks again and does not rely on this.
      if (!isSafeExternalUrl(url)) return false;
      return bridge.openExternal(url);
    },
    saveFile: (request: SaveFileRequest): Promise<boolean> => bridge.saveFile(request),
    info: (): Promise<AppInfo> => bridge.info(),
  };
}
