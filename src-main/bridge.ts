// The contract between the preload (src-main/preload.ts) and the page. Its shape is declared beside
// the renderer's platform interface; the main process and the preload share the channel names from
// here so they can't drift apart.
export type { AppInfo, RelayInterface, RelayStartOptions, RelayStatus, RelayUrls, SaveFileRequest, VigieBridge } from '../src-renderer/platform/index-types';

export const CHANNELS = {
  openExternal: 'vigie:open-external',
  saveFile: 'vigie:save-file',
  info: 'vigie:info',
  relayInterfaces: 'vigie:relay-interfaces',
  relayStart: 'vigie:relay-start',
  relayStop: 'vigie:relay-stop',
  relayStatus: 'vigie:relay-status',
  takeInvitation: 'vigie:take-invitation',
} as const;

/**
 * The page → shell list of trusted relay certificate fingerprints (handled by relay-certificates.ts,
 * not ipc.ts: kept out of CHANNELS, which lists ipc.ts's handlers). Here so the preload imports a
 * string, not the handler's module (node:crypto, zod).
 */
export const TRUST_RELAY_CERTIFICATES = 'vigie:relay-trust-certificates';

/** Main → page messages (no handler, no payload). */
export const EVENTS = {
  /** An invitation link arrived: take it through CHANNELS.takeInvitation. */
  invitationArrived: 'vigie:invitation-arrived',
  /** The menu's "Exporter la carte publique…": the page opens its review dialog. */
  exportPublicMap: 'vigie:export-public-map',
} as const;
