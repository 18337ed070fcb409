// Export steps of the bench page (issue #11): the public map HTML and the public GeoJSON of n
// published sightings, through the app's own builder (ui/export/exports.ts buildPublicExport), against
// JSON.stringify of the same GeoJSON features in the same page (the floor).
import { publicFeature } from '../../src-renderer/core/export/features';
import { publicSubset } from '../../src-renderer/core/export/public-subset';
import type { CrisisStore } from '../../src-renderer/store/crisis-store';
import { buildPublicExport } from '../../src-renderer/ui/export/exports';
import { makeInputs, toRows } from './rows';

const utf8 = (s: string) => new TextEncoder().encode(s).byteLength;

export const exportBench = {
  /** n sightings, all public and confirmed (the seeded rows, every one published). */
  async publicExports(n: number) {
    const rows = toRows(makeInputs(n), 'bench', Date.parse('2026-10-17T12:00:00Z')).map((s) => ({
      ...s,
      status: 'confirme' as const,
      isPublic: true,
      publicTitle: `Eau sur la chaussée, ${s.communeName}`,
      publicSummary: `Chaussée inondée signalée ${s.placeText}. Évitez le secteur.`,
    }));
    const { items } = publicSubset(rows); // not timed: what the review dialog hands over
    // All the builder reads of the store is the crisis's name and département.
    const store = { state: { info: undefined }, crisis: { name: 'Crue du Tarn', departement: '82' } } as unknown as CrisisStore;
    const options = { items, links: { prefecture: 'https://www.tarn-et-garonne.gouv.fr', consignes: 'https://www.tarn-et-garonne.gouv.fr/consignes' }, onlineTiles: false, now: Date.parse('2026-10-17T12:00:00Z') };
    const time = async <T>(f: () => Promise<T> | T): Promise<[number, T]> => {
      const t0 = performance.now();
      const out = await f();
      return [performance.now() - t0, out];
    };
    const [floorMs, floorJson] = await time(() => JSON.stringify(items.map(publicFeature)));
    const [geojsonMs, geojson] = await time(() => buildPublicExport(store, 'geojson', options));
    const [htmlMs, html] = await time(() => buildPublicExport(store, 'html', options));
    const [floor2Ms] = await time(() => JSON.stringify(items.map(publicFeature))); // warm, after the builders
    return {
      items: items.length,
      ...{ floorMs, floor2Ms, floorBytes: utf8(floorJson) },
      ...{ geojsonMs, geojsonBytes: utf8(geojson.data) },
      ...{ htmlMs, htmlBytes: utf8(html.data) },
    };
  },
};

declare global {
  interface Window {
    benchExport: typeof exportBench;
  }
}
window.benchExport = exportBench;
