// The gazetteer's loader after an import of official positions: a load begun before the import resolves
// to the reloaded gazetteer, never to the one the import replaced (a commune chosen from it would get
// its old point: the race the e2e map-view.spec.ts once hit).
import { describe, expect, it } from 'vitest';
import type { OfficialPosition } from '../../../src-renderer/core/gazetteer';
import { loadGazetteer, onGazetteerReload, reloadGazetteer, setOfficialPositionsSource } from '../../../src-renderer/map/gazetteer-loader';

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
}

describe('chargement du répertoire et import de positions officielles', () => {
  it('un chargement commencé avant l’import donne le répertoire rechargé', async () => {
    const reads: ((p: OfficialPosition[]) => void)[] = [];
    setOfficialPositionsSource({}, () => new Promise((resolve) => reads.push(resolve)));
    let reloads = 0;
    const off = onGazetteerReload(() => reloads++);
    const before = loadGazetteer();
    await until(() => reads.length === 1); // built, reading this copy's positions
    reloadGazetteer(); // an import of official positions
    expect(reloads).toBe(1);
    const after = loadGazetteer();
    expect(after).not.toBe(before);
    await until(() => reads.length === 2);
    reads[0]([]); // the first build ends with the positions from before the import
    reads[1]([{ insee: '82003', lat: 44.0312, lon: 1.0415 }]);
    const [a, b] = await Promise.all([before, after]);
    expect(a).toBe(b);
    expect(a.byInsee('82003')).toMatchObject({ lat: 44.0312, lon: 1.0415, official: true });
    expect(await loadGazetteer()).toBe(b);
    off();
  });
});
