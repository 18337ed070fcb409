// IPC channel names of the basemaps (src-main/basemaps.ts ↔ src-main/preload.ts), apart from
// bridge.ts's CHANNELS so each side imports only what it uses.
export const BASEMAP_CHANNELS = {
  pickPmtiles: 'vigie:basemap-pick-pmtiles',
  readPmtiles: 'vigie:basemap-read-pmtiles',
  allowOnline: 'vigie:basemap-allow-online',
  onlineTile: 'vigie:basemap-online-tile',
} as const;
