// Runs in the sandboxed renderer before the page. Exposes one small API and nothing else: never
// ipcRenderer itself, which would let the page send anything on any channel.
import { contextBridge, ipcRenderer } from 'electron';
import { BASEMAP_CHANNELS } from './basemap-channels';
import { CHANNELS, EVENTS, TRUST_RELAY_CERTIFICATES, type VigieBridge } from './bridge';
import { PRINT_CHANNELS } from './print-channels';
import { VAULT_CHANNELS } from './vault-channels';

// Each function forwards only the arguments it declares, copied field by field, so the page can't
// slip extra values through. The main process validates them again anyway.
const api: VigieBridge = {
  openExternal: (url) => ipcRenderer.invoke(CHANNELS.openExternal, url),
  saveFile: (request) =>
    ipcRenderer.invoke(CHANNELS.saveFile, {
      suggestedName: request?.suggestedName,
      data: request?.data,
      mime: request?.mime,
    }),
  info: () => ipcRenderer.invoke(CHANNELS.info),
  onInvitation: (listener) => {
    // Pull model: the main process only says "one arrived"; the link comes back through a
    // validated invoke, so the page never receives anything it did not ask for.
    const take = () =>
      void ipcRenderer.invoke(CHANNELS.takeInvitation).then((link: unknown) => {
        if (typeof link === 'string') listener(link);
      });
    ipcRenderer.on(EVENTS.invitationArrived, take);
    take();
    return () => void ipcRenderer.removeListener(EVENTS.invitationArrived, take);
  },
  onExportPublicMap: (listener) => {
    // No payload: the page only learns that the menu item was chosen.
    const run = () => listener();
    ipcRenderer.on(EVENTS.exportPublicMap, run);
    return () => void ipcRenderer.removeListener(EVENTS.exportPublicMap, run);
  },
  relay: {
    interfaces: () => ipcRenderer.invoke(CHANNELS.relayInterfaces),
    start: (options) => ipcRenderer.invoke(CHANNELS.relayStart, { host: options?.host, port: options?.port, tls: options?.tls === true }),
    stop: () => ipcRenderer.invoke(CHANNELS.relayStop),
    status: () => ipcRenderer.invoke(CHANNELS.relayStatus),
  },
  basemaps: {
    pickPmtiles: () => ipcRenderer.invoke(BASEMAP_CHANNELS.pickPmtiles),
    readPmtiles: (request) =>
      ipcRenderer.invoke(BASEMAP_CHANNELS.readPmtiles, { id: request?.id, offset: request?.offset, length: request?.length }),
    allowOnlineTiles: (template) => ipcRenderer.invoke(BASEMAP_CHANNELS.allowOnline, template),
    fetchOnlineTile: (tile) => ipcRenderer.invoke(BASEMAP_CHANNELS.onlineTile, { z: tile?.z, x: tile?.x, y: tile?.y }),
  },
  vault: {
    status: () => ipcRenderer.invoke(VAULT_CHANNELS.status),
    seal: (text) => ipcRenderer.invoke(VAULT_CHANNELS.seal, text),
    open: (sealed) => ipcRenderer.invoke(VAULT_CHANNELS.open, sealed),
  },
  // The file name only: what is printed is the page itself, chosen by the main process.
  printToPdf: (request) => ipcRenderer.invoke(PRINT_CHANNELS.printToPdf, { suggestedName: request?.suggestedName }),
  // A copy of the list (an array of whatever the page passed: the main process checks each item).
  trustRelayCertificates: (fingerprints) =>
    ipcRenderer.invoke(TRUST_RELAY_CERTIFICATES, Array.isArray(fingerprints) ? [...(fingerprints as unknown[])] : null),
};

contextBridge.exposeInMainWorld('vigie', api);
