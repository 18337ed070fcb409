import { describe, expect, it } from 'vitest';
import raw from '../../../resources/gazetteer/communes.json';
import { Gazetteer, type Commune } from '../../../src-renderer/core/gazetteer';
import { parseGazetteer } from '../../../src-renderer/core/gazetteer-file';
import { communeFromPlace } from '../../../src-renderer/core/commune-placement';
import { loadGazetteer } from '../../../src-renderer/map/gazetteer-loader';

const communes = parseGazetteer(raw);
const g = new Gazetteer(communes);
const first = (q: string, departement?: string) => g.search(q, { departement })[0];

describe('le fichier des communes', () => {
  it('tient presque toutes les communes, chacune avec un point', () => {
    expect(g.size).toBeGreaterThan(34_800);
    expect(new Set(communes.map((c) => c.insee)).size).toBe(g.size);
    for (const c of communes) {
      expect(Number.isFinite(c.lat) && Number.isFinite(c.lon)).toBe(true);
    }
    // Metropolitan points stay in metropolitan France (Corsica included).
    for (const c of communes.filter((c) => !c.departement.startsWith('9') || c.departement.length === 2)) {
      expect(c.lat).toBeGreaterThan(41.3);
      expect(c.lat).toBeLessThan(51.2);
      expect(c.lon).toBeGreaterThan(-5.3);
      expect(c.lon).toBeLessThan(9.7);
    }
  });
  it('ne garde que les communes actuelles : pas d’arrondissements municipaux', () => {
    expect(g.byInsee('75056')?.name).toBe('Paris');
    expect(g.byInsee('75101')).toBeUndefined();
    expect(g.byInsee('69123')?.name).toBe('Lyon');
    expect(g.byInsee('13055')?.name).toBe('Marseille');
  });
});

describe('recherche de commune', () => {
  it('trouve Moissac (82112) et son point', () => {
    const m = first('moissac');
    expect(m).toMatchObject({ name: 'Moissac', insee: '82112', departement: '82' });
    expect(m.postalCodes).toContain('82200');
    expect(Math.abs(m.lat - 44.1)).toBeLessThan(0.05);
    expect(Math.abs(m.lon - 1.08)).toBeLessThan(0.05);
    expect(m.approximateKm).toBeUndefined();
  });
  it('ignore accents, casse, tirets, apostrophes et « st »', () => {
    for (const q of ['st etienne', 'saint-étienne', 'SAINT ETIENNE', 'Saint Étienne', 'st-étienne']) {
      expect(first(q)).toMatchObject({ insee: '42218', name: 'Saint-Étienne' });
    }
    expect(first('l abergement clemenciat')?.insee).toBe('01001');
    expect(first("l'abergement-de-varey")?.insee).toBe('01002');
  });
  it('trouve par code postal et par code INSEE', () => {
    expect(first('82200')?.insee).toBe('82112');
    expect(g.search('82200').every((c) => c.postalCodes.includes('82200'))).toBe(true);
    expect(first('82112')?.name).toBe('Moissac');
    expect(first('2A004')?.name).toBe('Ajaccio');
    expect(first('75013')?.name).toBe('Paris');
    // 13008 is both Aurons' INSEE code and one of Marseille's postal codes: both, the larger first.
    expect(g.search('13008', { limit: 2 }).map((c) => c.name)).toEqual(['Marseille', 'Aurons']);
    // Digits being typed: codes that start with them.
    expect(g.search('8220').map((c) => c.insee)).toContain('82112');
  });
  it('classe : nom exact, puis début du nom ; la population départage', () => {
    const r = g.search('moissa', { limit: 5 });
    expect(r[0].name).toBe('Moissac');
    expect(r.every((c) => c.name.toLowerCase().startsWith('moissa'))).toBe(true);
    // Exact name before longer names, whatever their population.
    expect(first('paris')?.insee).toBe('75056');
    expect(g.search('paris', { limit: 3 })[1].name).not.toBe('Paris');
  });
  it('préfère le département de la crise', () => {
    expect(first('valence')).toMatchObject({ insee: '26362', departement: '26' });
    expect(first('valence', '82')).toMatchObject({ departement: '82', name: 'Valence' });
    const both = g.search('valence', { departement: '82', limit: 5 }).map((c) => c.departement);
    expect(both.indexOf('82')).toBeLessThan(both.indexOf('26'));
    // A code after the name narrows the search.
    expect(first('valence 82')?.departement).toBe('82');
    expect(first('saint-denis 974')?.insee).toBe('97411');
  });
  it('trouve les communes d’outre-mer', () => {
    expect(first('pointe-a-pitre')).toMatchObject({ insee: '97120', departement: '971' });
    expect(first('saint-denis', '974')).toMatchObject({ insee: '97411', name: 'Saint-Denis' });
    expect(first('saint-denis', '93')?.insee).toBe('93066');
    expect(first('saint-denis')?.insee).toBe('97411'); // the largest Saint-Denis, without a département
    expect(first('mamoudzou')?.departement).toBe('976');
    expect(first('cayenne')?.insee).toBe('97302');
    expect(first('fort-de-france')?.insee).toBe('97209');
  });
  it('trouve Paris, Lyon et Marseille', () => {
    expect(first('paris')).toMatchObject({ insee: '75056' });
    expect(first('lyon')).toMatchObject({ insee: '69123', departement: '69' });
    expect(first('marseille')).toMatchObject({ insee: '13055', departement: '13' });
    expect(Math.abs(first('lyon').lat - 45.76)).toBeLessThan(0.05);
  });
  it('trouve par les mots du nom dans le désordre', () => {
    expect(g.search('etienne', { limit: 50 }).map((c) => c.insee)).toContain('42218');
    expect(first('sables olonne')?.name).toBe("Les Sables-d'Olonne");
    expect(first('olonne sables')?.name).toBe("Les Sables-d'Olonne");
  });
  it('ne renvoie rien pour une requête vide ou sans rapport', () => {
    for (const q of ['', '   ', '-', "''", '!!!', 'zzzzzzzz', 'qwxv', '0', '99999', '¿?']) {
      expect(g.search(q)).toEqual([]);
    }
  });
  it('respecte la limite', () => {
    expect(g.search('saint')).toHaveLength(10);
    expect(g.search('saint', { limit: 3 })).toHaveLength(3);
    expect(g.search('saint', { limit: 200 })).toHaveLength(200);
    expect(g.search('saint', { limit: 0 })).toEqual([]);
    expect(g.search('82200', { limit: 1 })).toHaveLength(1);
  });
  it('reconnaît la commune en tête d’un lieu saisi', () => {
    expect(communeFromPlace(g, 'Moissac, quai du Port', '82')?.insee).toBe('82112');
    expect(communeFromPlace(g, 'Moissac quai du Port', '82')?.insee).toBe('82112');
    expect(communeFromPlace(g, 'Valence', '82')?.departement).toBe('82');
    expect(communeFromPlace(g, 'Lyon, place Bellecour', '82')?.insee).toBe('69123');
    expect(communeFromPlace(g, 'Port de Moissac', '82')).toBeUndefined(); // not Port (Ain)
    expect(communeFromPlace(g, 'Quai de Moissac', '82')).toBeUndefined();
    expect(communeFromPlace(g, '', '82')).toBeUndefined();
  });
});

describe('parseGazetteer', () => {
  const ok = { i: '82112', n: 'Moissac', d: '82', p: ['82200'], y: 44.1045, x: 1.08474, h: 13703 };
  it('lit le format compact', () => {
    const [c] = parseGazetteer([ok, { ...ok, i: '82113', e: 9 }]).slice(1);
    expect(c).toEqual<Commune>({ insee: '82113', name: 'Moissac', departement: '82', postalCodes: ['82200'], lat: 44.1045, lon: 1.08474, population: 13703, approximateKm: 9 });
    expect(parseGazetteer([ok])[0]).not.toHaveProperty('approximateKm');
  });
  it('refuse ce qui n’en est pas', () => {
    for (const bad of [
      null,
      {},
      'communes',
      [null],
      [[ok.i, ok.n]],
      [{ ...ok, i: 82112 }],
      [{ ...ok, i: '8211' }],
      [{ ...ok, n: '' }],
      [{ ...ok, d: '31' }], // not the département of 82112
      [{ ...ok, p: '82200' }],
      [{ ...ok, p: ['8220'] }],
      [{ ...ok, y: '44.1' }],
      [{ ...ok, y: 91 }],
      [{ ...ok, x: Number.NaN }],
      [{ ...ok, h: -1 }],
      [{ ...ok, h: 1.5 }],
      [{ ...ok, e: 0 }],
    ]) {
      expect(() => parseGazetteer(bad), JSON.stringify(bad)).toThrow(/gazetteer/);
    }
  });
});

describe('loadGazetteer', () => {
  it('charge le fichier une seule fois', async () => {
    const a = loadGazetteer();
    expect(loadGazetteer()).toBe(a);
    const loaded = await a;
    expect(loaded.size).toBe(g.size);
    expect(loaded.byInsee('82112')?.name).toBe('Moissac');
    expect(await loadGazetteer()).toBe(loaded);
  });
});

describe('étiquettes de la carte', () => {
  it('donne les communes les plus peuplées d’une zone, la plus grande d’abord', () => {
    // Tarn-et-Garonne and around.
    const labels = g.largestIn(43.8, 0.7, 44.4, 1.8, 5);
    expect(labels).toHaveLength(5);
    expect(labels[0].name).toBe('Montauban');
    expect(labels.map((c) => c.name)).toContain('Moissac');
    for (let i = 1; i < labels.length; i++) expect(labels[i - 1].population).toBeGreaterThanOrEqual(labels[i].population);
  });

  it('donne les mêmes communes qu’un parcours de toutes, de la petite vue au pays entier', () => {
    const byPop = [...communes].sort((a, b) => b.population - a.population);
    const scan = (s: number, w: number, n: number, e: number, limit: number) =>
      byPop.filter((c) => c.lat >= s && c.lat <= n && c.lon >= w && c.lon <= e).slice(0, limit).map((c) => c.insee);
    const boxes: [number, number, number, number, number][] = [
      [44.0, 1.3, 44.05, 1.4, 120], // a town, zoom 12
      [43.8, 0.7, 44.4, 1.8, 60], // the 82, zoom 10
      [42.0, -1.0, 46.0, 4.0, 25], // a region, zoom 8
      [41.0, -5.5, 51.5, 10.0, 25], // France
      [-21.5, 55.1, -20.8, 55.9, 60], // La Réunion
    ];
    for (const [s, w, n, e, limit] of boxes) expect(g.largestIn(s, w, n, e, limit).map((c) => c.insee)).toEqual(scan(s, w, n, e, limit));
  });
});
