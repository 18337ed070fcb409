// What the app needs from the shell it runs in. One interface; one implementation per shell
// (index.electron.ts through the preload bridge, index.web.ts in a plain browser), chosen in index.ts.
export interface AppInfo {
  shell: 'electron' | 'web';
  version: string;
  /** Where the desktop app keeps its data (the user's app data folder); absent in a browser. */
  dataDir?: string;
}

export interface SaveFileRequest {
  suggestedName: string;
  /** UTF-8 text or raw bytes. */
  data: string | Uint8Array;
  mime: string;
}

export interface Platform {
  readonly shell: 'electron' | 'web';
  /** Opens an http(s) link outside the app, after validation. Resolves false when the link was refused. */
  openExternal(url: string): Promise<boolean>;
  /** Lets the user save a file. Resolves false when the user cancelled. */
  saveFile(request: SaveFileRequest): Promise<boolean>;
  info(): Promise<AppInfo>;
}

/**
 * What the desktop shell's preload exposes as `window.vigie` (src-main/preload.ts implements it).
 * Nothing else of Electron reaches the page.
 */
export interface VigieBridge {
  /** Resolves true once the link was handed to the system browser; rejects if it was refused. */
  openExternal(url: string): Promise<boolean>;
  /** Resolves false when the user cancelled the save dialog. */
  saveFile(request: SaveFileRequest): Promise<boolean>;
  info(): Promise<AppInfo>;
}
