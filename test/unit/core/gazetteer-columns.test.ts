// The gazetteer as the worker hands it to the page (columns), rebuilt and indexed in slices: the same
// communes, the same search results as the gazetteer built in one go.
import { describe, expect, it } from 'vitest';
import raw from '../../../resources/gazetteer/communes.json';
import { Gazetteer, nameKey, type Commune } from '../../../src-renderer/core/gazetteer';
import { parseGazetteer } from '../../../src-renderer/core/gazetteer-file';
import { columnBuffers, fromColumns, toColumns } from '../../../src-renderer/core/gazetteer-columns';

const communes = parseGazetteer(raw);

describe('le répertoire en colonnes (worker → page)', () => {
  it('redonne les mêmes communes et leurs noms normalisés, en rendant la main à la page', async () => {
    const columns = toColumns(communes);
    expect(new Set(columnBuffers(columns)).size).toBe(5);
    let turns = 0;
    const back = await fromColumns(columns, async () => void turns++);
    expect(back.communes).toEqual(communes);
    expect(back.names).toEqual(communes.map((c) => nameKey(c.name)));
    expect(turns).toBe(Math.floor(communes.length / 2000));
    // An estimate keeps its radius; an exact point has none (not NaN, not 0).
    const estimated = back.communes.find((c) => c.insee === '82003')!;
    expect(estimated.approximateKm).toBeGreaterThan(0);
    expect('approximateKm' in back.communes.find((c) => c.insee === '82121')!).toBe(false);
  });

  it('garde une commune sans code postal et refuse un saut de ligne dans un nom', async () => {
    const one: Commune = { insee: '82003', name: 'Angeville', departement: '82', postalCodes: [], lat: 44, lon: 1, population: 1 };
    expect((await fromColumns(toColumns([one]), async () => {})).communes).toEqual([one]);
    expect((await fromColumns(toColumns([]), async () => {})).communes).toEqual([]);
    expect(() => toColumns([{ ...one, name: 'Ange\nville' }])).toThrow(/gazetteer/);
    // A column holding one entry too few or too many is refused, whichever it is.
    const two = toColumns([one, { ...one, insee: '82004', postalCodes: ['82400'] }]);
    await expect(fromColumns({ ...two, names: 'Angeville' }, async () => {})).rejects.toThrow(/different lengths/);
    await expect(fromColumns({ ...two, postalCodes: '\n82400\n' }, async () => {})).rejects.toThrow(/different lengths/);
    await expect(fromColumns({ ...two, insee: '82003\n82004\n82005' }, async () => {})).rejects.toThrow(/different lengths/);
    expect((await fromColumns(two, async () => {})).communes.map((c) => c.postalCodes)).toEqual([[], ['82400']]);
  });

  it('construit par tranches le même index que le constructeur', async () => {
    const whole = new Gazetteer(communes);
    let turns = 0;
    const { communes: rebuilt, names } = await fromColumns(toColumns(communes), async () => {});
    const columns = toColumns(communes);
    const sliced = await Gazetteer.build(rebuilt, names, async () => void turns++, columns.byPopulation);
    expect(turns).toBe(Math.ceil(communes.length / 500));
    for (const q of ['montauban', 'st antonin', 'l isle', '82200', '822', 'sai', 'saint-e', 'moi', 'valence 26', '2a004'])
      expect(sliced.search(q, { departement: '82' }).map((c) => c.insee), q).toEqual(whole.search(q, { departement: '82' }).map((c) => c.insee));
    // Most populated first, equal populations in file order (a stable sort of the communes).
    expect(Array.from(columns.byPopulation, (i) => communes[i])).toEqual([...communes].sort((a, b) => b.population - a.population));
    // The labels' order given by the worker: the same as sorting here, the whole country's view included.
    for (const [s, w, n, e] of [[43.7, 0.7, 44.4, 2], [41, -5, 51.5, 9.6]])
      expect(sliced.largestIn(s, w, n, e, 200).map((c) => c.insee)).toEqual(whole.largestIn(s, w, n, e, 200).map((c) => c.insee));
    await expect(Gazetteer.build(rebuilt, names.slice(1), async () => {})).rejects.toThrow(/gazetteer/);
  });
});
