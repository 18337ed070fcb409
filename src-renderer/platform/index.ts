// The platform the app runs on, chosen once: the desktop shell's preload defines window.vigie,
// a plain browser doesn't. Code elsewhere imports `platform` and never asks which shell it is in.
import { createElectronPlatform } from './index.electron';
import type { Platform, VigieBridge } from './index-types';
import { createWebPlatform } from './index.web';

export type { AppInfo, Platform, SaveFileRequest } from './index-types';

function bridge(): VigieBridge | undefined {
  // typeof check: this module may also be imported in Node (unit tests) where there is no window.
  return typeof window === 'undefined' ? undefined : (window as Window & { vigie?: VigieBridge }).vigie;
}

export function choosePlatform(vigie: VigieBridge | undefined = bridge()): Platform {
  return vigie ? createElectronPlatform(vigie) : createWebPlatform();
}

export const platform: Platform = choosePlatform();
