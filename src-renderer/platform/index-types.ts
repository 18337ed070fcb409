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

/** A network interface of this machine the relay can listen on (IPv4, loopback included). */
export interface RelayInterface {
  /** The system's name for it (eth0, Wi-Fi, en0…). */
  name: string;
  address: string;
}

export interface RelayUrls {
  /** ws://host:port/signal (wss:// with TLS): y-webrtc signaling, for the volunteers' WebRTC connections. */
  signalingUrl: string;
  /** ws://host:port/sync (wss:// with TLS): the Yjs relay (Hocuspocus protocol), keeps the crisis for latecomers. */
  syncUrl: string;
  /** With TLS: the SHA-256 fingerprint of the relay's certificate (64 lowercase hex), for `addresses.fingerprints`. */
  fingerprint?: string;
}

export interface RelayStatus {
  running: boolean;
  signalingUrl?: string;
  syncUrl?: string;
  /** With TLS, as in RelayUrls. */
  fingerprint?: string;
}

export interface RelayStartOptions {
  host: string;
  port: number;
  /**
   * Serve wss:// with the relay's self-signed certificate (made once, kept with the relay's
   * documents so its fingerprint survives restarts). Plain ws:// when absent or false.
   */
  tls?: boolean;
}

/**
 * The desktop shell can host the LAN relay (src-main/relay-host.ts, docs/relay.md): signaling and
 * Yjs relay on one port of the interface the user picks. A browser cannot host a server.
 */
export interface RelayCapability {
  interfaces(): Promise<RelayInterface[]>;
  /** Rejects with a French message (port taken, address not of this machine…). */
  start(options: RelayStartOptions): Promise<RelayUrls>;
  stop(): Promise<void>;
  status(): Promise<RelayStatus>;
}

/** A PMTiles file the user picked in the desktop app's own dialog; the path stays in the main process. */
export interface PmtilesFileRef {
  id: string;
  name: string;
  size: number;
}

/** One online tile, fetched by the main process from the address the user approved. */
export interface OnlineTileBytes {
  data: Uint8Array;
  /** MIME type, image/… */
  type: string;
}

/**
 * Desktop only: basemap files and online tiles through the main process (src-main/basemaps.ts), so
 * the page's CSP stays closed to any HTTP host. Rejections carry a French message.
 */
export interface BasemapCapability {
  /** Opens the system's file dialog; null when the user cancelled. */
  pickPmtiles(): Promise<PmtilesFileRef | null>;
  /** Bytes [offset, offset + length) of a picked file (fewer at its end). */
  readPmtiles(request: { id: string; offset: number; length: number }): Promise<Uint8Array>;
  /**
   * Lets the main process fetch tiles from `template` (asks the user in a system dialog the first
   * time for an address); null withdraws the permission. Resolves false when the user declined.
   */
  allowOnlineTiles(template: string | null): Promise<boolean>;
  fetchOnlineTile(tile: { z: number; x: number; y: number }): Promise<OnlineTileBytes>;
}

/** Where the vault keeps the key that seals new secrets. */
export type VaultProtection =
  /** Desktop: Electron safeStorage, i.e. the system's keychain (macOS Keychain, Windows DPAPI, Linux libsecret/KWallet). */
  | 'os'
  /** A non-extractable AES-GCM key kept in this browser profile's IndexedDB (web build; desktop without a keyring). */
  | 'browser'
  /** A key in memory only, lost with the page (tests). */
  | 'memory';

/**
 * Secrets at rest (crisis keys, signing keys): sealed before they are written to disk, opened after
 * they are read. A sealed secret is a short ASCII string (`vigie-vault:1:…`), bound to this device
 * and profile: it can't be opened elsewhere, nor altered without open() refusing it. Rejections carry
 * a French message.
 */
export interface VaultCapability {
  /** Seals text or bytes (32 KiB at most). */
  seal(plain: Uint8Array | string): Promise<string>;
  /** The secret exactly as sealed: a string for a string, a Uint8Array for bytes. */
  open(sealed: string): Promise<Uint8Array | string>;
  /** How new secrets are protected on this device. */
  protection(): Promise<VaultProtection>;
}

/** The desktop shell's side of the vault (src-main/vault.ts): safeStorage, text in, base64 out. */
export interface VaultBridge {
  /** Whether the system's keychain can protect secrets here (not Linux's basic_text fallback). */
  status(): Promise<{ available: boolean; backend: string }>;
  seal(text: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

/** A page to put on paper: the file name offered when it becomes a PDF. */
export interface PrintRequest {
  /** A file name ending in .pdf, no path. */
  suggestedName: string;
}

export interface Platform {
  readonly shell: 'electron' | 'web';
  /** Opens an http(s) link outside the app, after validation. Resolves false when the link was refused. */
  openExternal(url: string): Promise<boolean>;
  /** Lets the user save a file. Resolves false when the user cancelled. */
  saveFile(request: SaveFileRequest): Promise<boolean>;
  info(): Promise<AppInfo>;
  /** Present only in the desktop shell. */
  readonly relay?: RelayCapability;
  /**
   * Desktop only: calls back with each vigie://join/… link the system hands to the app (one waiting
   * from the launch included). Returns the unsubscribe function. The web build reads #/join/… instead.
   */
  onInvitation?(listener: (link: string) => void): () => void;
  /** Desktop only: calls back when the menu's "Exporter la carte publique…" is chosen. */
  onExportPublicMap?(listener: () => void): () => void;
  /** Present only in the desktop shell (basemap files and online tiles through the main process). */
  readonly basemaps?: BasemapCapability;
  /** Every shell: seals secrets kept at rest (desktop: the system's keychain; web: a non-extractable key). */
  readonly vault: VaultCapability;
  /**
   * The SHA-256 fingerprints (64 lowercase hex digits) of the self-signed certificates the open
   * crisis's wss:// relays may present (`addresses.fingerprints`); the whole list, replacing the
   * previous one. Call it before connecting. Resolves true when this shell accepts those certificates
   * from now on (desktop: src-main/relay-certificates.ts), false where it cannot pin (a browser only
   * accepts a certificate its user trusted; a preload that predates the call). Never rejects.
   */
  trustRelayCertificates(fingerprints: readonly string[]): Promise<boolean>;
  /**
   * Prints the page as its print styles lay it out (A4). Desktop: Chromium's printToPDF in the main
   * process, saved where the user picks (resolves false when they cancel). Web: the browser's print
   * dialog (`window.print()`, where « Enregistrer au format PDF » is), resolves true once it closes.
   */
  printToPdf(request: PrintRequest): Promise<boolean>;
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
  /** Absent from a preload that predates it; index.electron.ts passes it through as is. */
  relay?: RelayCapability;
  onInvitation?(listener: (link: string) => void): () => void;
  /** The desktop menu's "Exporter la carte publique…". */
  onExportPublicMap?(listener: () => void): () => void;
  /** Absent from a preload that predates it. */
  basemaps?: BasemapCapability;
  /** Absent from a preload that predates it (then the page's own WebCrypto vault is used). */
  vault?: VaultBridge;
  /**
   * Replaces the shell's list of trusted relay certificate fingerprints; resolves with its size.
   * Absent from a preload that predates it (then no self-signed certificate is accepted).
   */
  trustRelayCertificates?(fingerprints: string[]): Promise<number>;
  /** The page as a PDF, saved where the user picks; false when cancelled. Absent from a preload that predates it. */
  printToPdf?(request: PrintRequest): Promise<boolean>;
}
