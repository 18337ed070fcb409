// The rules for online tile addresses (shared with the main process) and the remembered choice.
import { describe, expect, it } from 'vitest';
import { CHOICE_KEY, DEFAULT_CHOICE, loadChoice, parseChoice, saveChoice } from '../../../src-renderer/map/basemap/choice';
import { fillTemplate, isValidTile, SUGGESTED_TEMPLATE, templateHost, templateProblem, tileUrl } from '../../../src-renderer/map/basemap/online-template';
import { escapeAttribution } from '../../../src-renderer/map/basemap/attribution';

describe('online tile address', () => {
  it('accepts https addresses with {z}, {x} and {y} once each', () => {
    expect(templateProblem(SUGGESTED_TEMPLATE)).toBeNull();
    expect(templateProblem('https://tiles.example.fr/carte/{z}/{x}/{y}.webp?cle=abc')).toBeNull();
    expect(fillTemplate(SUGGESTED_TEMPLATE, 5, 16, 11)).toBe('https://tile.openstreetmap.org/5/16/11.png');
    expect(templateHost(SUGGESTED_TEMPLATE)).toBe('tile.openstreetmap.org');
  });

  it.each([
    ['', 'Adresse vide.'],
    ['http://tile.openstreetmap.org/{z}/{x}/{y}.png', 'Seules les adresses https:// sont acceptées.'],
    ['https://user:pw@tiles.example/{z}/{x}/{y}.png', 'L’adresse ne doit pas contenir d’identifiants.'],
    ['https://tiles.example/{z}/{x}.png', 'L’adresse doit contenir {y} une fois.'],
    ['https://tiles.example/{s}/{z}/{x}/{y}.png', 'Seuls {z}, {x} et {y} sont reconnus dans l’adresse.'],
    ['https://tiles.example/{z}/{x}/{y}.png#{q}', 'L’adresse ne doit pas contenir de fragment (#).'],
    ['file:///etc/{z}/{x}/{y}', 'Seules les adresses https:// sont acceptées.'],
    ['javascript:{z}{x}{y}', 'Seules les adresses https:// sont acceptées.'],
  ])('refuses %s', (template, problem) => expect(templateProblem(template)).toBe(problem));

  // One host in the consent dialog, others fetched: https://10.{z}.{x}.{y}/t.png would scan the LAN.
  const HOST_PROBLEM = 'Le nom du serveur doit être écrit en entier : {z}, {x}, {y} (ou {s}) ne sont permis que dans le chemin ou la requête.';
  it.each([
    'https://10.{z}.{x}.{y}/t.png',
    'https://{s}.tiles.example/{z}/{x}/{y}.png',
    'https://{z}.tiles.example/{x}/{y}.png',
    'https://tiles{x}.example/{z}/{y}.png',
    'https://tiles.example:{z}/{x}/{y}.png',
    'https://{z}@tiles.example/{x}/{y}.png',
    'https://tiles.example{y}/{z}/{x}.png',
    'HTTPS://10.{z}.{x}.{y}/t.png',
  ])('refuses a placeholder in the host: %s', (template) => expect(templateProblem(template)).toBe(HOST_PROBLEM));

  it.each([
    'https://tiles.example\\{z}/{x}/{y}.png',
    'https://tiles.ex\tample/{z}/{x}/{y}.png',
    'https://tiles.ex\nample.{z}/{x}/{y}.png',
    'https://tiles.example /{z}/{x}/{y}.png',
  ])('refuses what the URL parser would silently rewrite: %j', (template) =>
    expect(templateProblem(template)).toBe('L’adresse ne doit contenir ni espace, ni caractère de contrôle, ni « \\ ».'),
  );

  it('fetches each tile from exactly the host shown for approval', () => {
    for (const template of [SUGGESTED_TEMPLATE, 'https://tiles.example.fr:8443/carte/{z}/{x}.webp?cle=abc&ligne={y}']) {
      const shown = templateHost(template);
      for (const [z, x, y] of [[0, 0, 0], [5, 16, 11], [19, 262143, 524287], [22, 4194303, 0]]) {
        expect(new URL(tileUrl(template, z, x, y)).host).toBe(shown);
      }
    }
    expect(tileUrl(SUGGESTED_TEMPLATE, 5, 16, 11)).toBe('https://tile.openstreetmap.org/5/16/11.png');
    expect(() => tileUrl('https://10.{z}.{x}.{y}/t.png', 5, 16, 11)).toThrow(/^Adresse de tuiles refusée : Le nom du serveur/);
    expect(() => tileUrl(SUGGESTED_TEMPLATE, 1, 2, 0)).toThrow('Tuile hors de la grille.');
  });

  it('accepts only tiles of the grid', () => {
    expect(isValidTile(0, 0, 0)).toBe(true);
    expect(isValidTile(3, 7, 7)).toBe(true);
    expect(isValidTile(3, 8, 0)).toBe(false);
    expect(isValidTile(-1, 0, 0)).toBe(false);
    expect(isValidTile(23, 0, 0)).toBe(false);
    expect(isValidTile(1.5, 0, 0)).toBe(false);
  });

  it('shows attributions as text', () => {
    expect(escapeAttribution('<img src=x onerror=alert(1)> © A&B')).toBe('&#60;img src=x onerror=alert(1)&#62; © A&#38;B');
  });
});

describe('remembered basemap choice', () => {
  const memory = () => {
    const items = new Map<string, string>();
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
  };

  it('starts on the built-in basemap, online tiles off', () => {
    expect(loadChoice(memory())).toEqual(DEFAULT_CHOICE);
    expect(DEFAULT_CHOICE).toEqual({ active: 'builtin', onlineEnabled: false });
  });

  it('round-trips under vigie.basemap', () => {
    const storage = memory();
    const choice = {
      active: 'pmtiles' as const,
      pmtiles: { id: 'abc', name: 'france.pmtiles', size: 12, where: 'indexeddb' as const },
      online: { template: SUGGESTED_TEMPLATE, attribution: 'OSM' },
      onlineEnabled: false,
    };
    saveChoice(choice, storage);
    expect(storage.items.has(CHOICE_KEY)).toBe(true);
    expect(loadChoice(storage)).toEqual(choice);
  });

  it('never shows online tiles that were not enabled, and falls back on anything odd', () => {
    expect(parseChoice(JSON.stringify({ active: 'online', online: { template: SUGGESTED_TEMPLATE, attribution: '' } })).active).toBe('builtin');
    expect(parseChoice(JSON.stringify({ active: 'online', onlineEnabled: true, online: { template: 'http://x/{z}/{x}/{y}', attribution: '' } }))).toEqual(
      DEFAULT_CHOICE,
    );
    expect(parseChoice(JSON.stringify({ active: 'pmtiles', onlineEnabled: false })).active).toBe('builtin');
    expect(parseChoice('{not json')).toEqual(DEFAULT_CHOICE);
    expect(parseChoice(JSON.stringify({ active: 'satellite' }))).toEqual(DEFAULT_CHOICE);
  });
});
