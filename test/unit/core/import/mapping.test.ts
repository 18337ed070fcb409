import { describe, expect, it } from 'vitest';
import { guessColumns, missingColumns } from '../../../../src-renderer/core/import/columns';
import { localToUtc, parseFrenchDate, zoneOfDepartement } from '../../../../src-renderer/core/import/dates';
import { confirmValues, distinctValues, initialChoices, parseSavedMapping, toSaved } from '../../../../src-renderer/core/import/mapping';
import { parseDecimal } from '../../../../src-renderer/core/import/numbers';
import { guessValue, parseBoolean } from '../../../../src-renderer/core/import/values';
import type { SourceTable } from '../../../../src-renderer/core/import/table';

describe('colonnes devinées des en-têtes', () => {
  it('comprend les en-têtes français de l’équipe, dans n’importe quel ordre', () => {
    const header = ['Statut', 'Lien', 'Texte', 'Auteur', 'Plateforme', 'Date', 'Heure', 'Lieu', 'Commune', 'Code INSEE', 'Latitude', 'Longitude', 'Catégorie', 'Priorité', 'Notes', 'Assigné à'];
    expect(guessColumns(header)).toEqual([
      'status', 'url', 'text', 'authorHandle', 'platform', 'postedAt', 'time', 'placeText', 'communeName', 'communeInsee', 'lat', 'lon', 'category', 'priority', 'verificationNotes', 'assignee',
    ]);
    const shuffled = [...header].reverse();
    expect(guessColumns(shuffled)).toEqual([...guessColumns(header)].reverse());
  });
  it('comprend les variantes : accents, casse, ponctuation, synonymes et anglais', () => {
    expect(guessColumns(['URL', 'Message', 'Compte', 'Réseau', 'DATE ET HEURE', 'Vérification', 'Pris en charge par', 'N° dépt', 'Code postal', 'Coordonnées GPS'])).toEqual([
      'url', 'text', 'authorHandle', 'platform', 'postedAt', 'verificationNotes', 'assignee', 'departement', 'postalCode', 'coordinates',
    ]);
    expect(guessColumns(['link', 'content', 'account', 'platform', 'posted at', 'lat', 'lng', 'category', 'priority', 'status', 'assigned to'])).toEqual([
      'url', 'text', 'authorHandle', 'platform', 'postedAt', 'lat', 'lon', 'category', 'priority', 'status', 'assignee',
    ]);
    expect(guessColumns(['Lien du tweet', 'Texte du post', 'Type d’auteur', 'Précision'])).toEqual(['url', 'text', 'authorKind', 'precision']);
  });
  it('ignore les colonnes inconnues et ne donne une cible unique qu’à une colonne', () => {
    expect(guessColumns(['N°', 'Lien', 'Lien', 'Humeur'])).toEqual([null, 'url', null, null]);
    // Several columns may feed the text and the notes.
    expect(guessColumns(['Texte', 'Message', 'Notes', 'Commentaire'])).toEqual(['text', 'text', 'verificationNotes', 'verificationNotes']);
  });
  it('dit ce qui manque pour faire des remontées', () => {
    expect(missingColumns(['communeName', 'category'])).toBe('il faut au moins une colonne « Lien » ou « Texte »');
    expect(missingColumns(['url', 'lat'])).toMatch(/Latitude.*sans colonne « Longitude »/);
    expect(missingColumns(['text'])).toBe('');
  });
});

describe('dates françaises', () => {
  const iso = (v: string, time = '', zone = 'Europe/Paris') => {
    const r = parseFrenchDate(v, zone, time);
    return r.ok ? r.iso : r.reason;
  };
  it('lit jj/mm/aaaa hh:mm à l’heure de Paris (hiver et été)', () => {
    expect(iso('12/03/2026 14:30')).toBe('2026-03-12T13:30:00.000Z');
    expect(iso('12/07/2026 14:30')).toBe('2026-07-12T12:30:00.000Z');
    expect(iso('12/03/2026 14:30:15')).toBe('2026-03-12T13:30:15.000Z');
    expect(iso('12/03/2026 14h30')).toBe('2026-03-12T13:30:00.000Z');
    expect(iso('12/03/2026 à 14h')).toBe('2026-03-12T13:00:00.000Z');
    expect(iso('2/3/2026')).toBe('2026-03-01T23:00:00.000Z');
  });
  it('lit jj/mm/aa, jj-mm-aaaa, jj.mm.aaaa et les mois en lettres', () => {
    expect(iso('12/03/26 08:05')).toBe('2026-03-12T07:05:00.000Z');
    expect(iso('12-03-2026')).toBe('2026-03-11T23:00:00.000Z');
    expect(iso('12.03.2026 08:05')).toBe('2026-03-12T07:05:00.000Z');
    expect(iso('jeudi 12 mars 2026 08:05')).toBe('2026-03-12T07:05:00.000Z');
    expect(iso('1er août 2026')).toBe('2026-07-31T22:00:00.000Z');
  });
  it('lit l’ISO 8601, avec ou sans fuseau', () => {
    expect(iso('2026-03-12T14:30:00Z')).toBe('2026-03-12T14:30:00.000Z');
    expect(iso('2026-03-12T14:30:00+01:00')).toBe('2026-03-12T13:30:00.000Z');
    expect(iso('2026-03-12 14:30')).toBe('2026-03-12T13:30:00.000Z');
    expect(iso('2026-03-12T14:30:00.000Z')).toBe('2026-03-12T14:30:00.000Z');
  });
  it('réunit une colonne Date et une colonne Heure', () => {
    expect(iso('12/03/2026', '14:30')).toBe('2026-03-12T13:30:00.000Z');
    expect(iso('12/03/2026 10:00', '14:30')).toMatch(/l’heure est donnée deux fois/);
    expect(iso('12/03/2026', 'midi')).toMatch(/heure « midi » illisible/);
  });
  it('prend le fuseau du département d’outre-mer', () => {
    expect(zoneOfDepartement('974')).toBe('Indian/Reunion');
    expect(zoneOfDepartement('82')).toBe('Europe/Paris');
    expect(iso('12/03/2026 14:30', '', zoneOfDepartement('974'))).toBe('2026-03-12T10:30:00.000Z');
    expect(iso('12/03/2026 14:30', '', zoneOfDepartement('971'))).toBe('2026-03-12T18:30:00.000Z');
  });
  it('passe les changements d’heure', () => {
    // 29 March 2026, 03:30 Paris is summer time (02:00→03:00).
    expect(new Date(localToUtc(Date.UTC(2026, 2, 29, 3, 30), 'Europe/Paris')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(localToUtc(Date.UTC(2026, 2, 29, 1, 30), 'Europe/Paris')).toISOString()).toBe('2026-03-29T00:30:00.000Z');
  });
  it('explique en français ce qu’il ne peut pas lire', () => {
    expect(iso('32/03/2026')).toBe('date « 32/03/2026 » impossible');
    expect(iso('03/25/2026')).toMatch(/mois 25 impossible.*jour\/mois\/année/);
    expect(iso('hier soir')).toBe('date « hier soir » illisible (attendu jj/mm/aaaa hh:mm, jj/mm/aa ou aaaa-mm-jj)');
    expect(iso('12/03/2026 25:00')).toMatch(/heure impossible/);
    expect(iso('29/02/2026')).toBe('date « 29/02/2026 » impossible');
    expect(iso('29/02/2028')).toBe('2028-02-28T23:00:00.000Z');
  });
});

describe('nombres à virgule', () => {
  it('lit la virgule décimale, le point, le signe et les espaces', () => {
    expect(parseDecimal('44,1036')).toBe(44.1036);
    expect(parseDecimal('44.1036')).toBe(44.1036);
    expect(parseDecimal('-0,5')).toBe(-0.5);
    expect(parseDecimal('−1,25')).toBe(-1.25);
    expect(parseDecimal(' 1\u202f234,5 ')).toBe(1234.5);
    expect(parseDecimal('44,10,36')).toBeNull();
    expect(parseDecimal('abc')).toBeNull();
    expect(parseDecimal('')).toBeNull();
  });
});

describe('vocabulaire libre → taxonomie', () => {
  it('catégories', () => {
    const cases: [string, string][] = [
      ['Demande de secours', 'secours'], ['SOS', 'secours'], ['Personnes bloquées', 'secours'], ['Route coupée', 'routes'], ['Pont fermé', 'routes'],
      ['Coupure électricité', 'reseaux'], ['Enedis', 'reseaux'], ['Hauteur d’eau', 'alea'], ['Crue', 'alea'], ['Hébergement', 'evacuation'],
      ['Blessés', 'victimes'], ['Disparu', 'disparus'], ['Toiture arrachée', 'degats'], ['Fake news', 'rumeur'], ['Intox', 'rumeur'],
      ['Consignes préfecture', 'consignes'], ['Presse', 'medias'], ['Dons', 'solidarite'], ['Bénévoles', 'solidarite'], ['Divers', 'autre'],
      ['secours', 'secours'], ['Rumeur / désinformation', 'rumeur'], ['Routes et transports coupés', 'routes'], ['Casualties (injured, dead)', 'victimes'],
    ];
    for (const [raw, want] of cases) expect([raw, guessValue('category', raw)]).toEqual([raw, want]);
    expect(guessValue('category', 'Zorglub')).toBeUndefined();
  });
  it('priorités', () => {
    const cases: [string, string][] = [['P1', 'P1'], ['1', 'P1'], ['Urgence vitale', 'P1'], ['Urgent', 'P2'], ['Haute', 'P2'], ['Moyenne', 'P3'], ['Normale', 'P3'], ['Info', 'P4'], ['Basse', 'P4'], ['p4', 'P4'], ['P2 — urgent', 'P2']];
    for (const [raw, want] of cases) expect([raw, guessValue('priority', raw)]).toEqual([raw, want]);
  });
  it('statuts (un « doublon » sans la remontée qu’il double devient archivé)', () => {
    const cases: [string, string][] = [
      ['Nouveau', 'nouveau'], ['À traiter', 'nouveau'], ['En cours', 'en_verification'], ['À vérifier', 'en_verification'], ['Non vérifié', 'en_verification'],
      ['Vérifié', 'confirme'], ['Confirmé', 'confirme'], ['OK', 'confirme'], ['Faux', 'dementi'], ['Démenti', 'dementi'], ['Transmis COD', 'transmis'],
      ['Traité', 'traite'], ['Clos', 'traite'], ['Archivé', 'archive'], ['Doublon', 'archive'],
    ];
    for (const [raw, want] of cases) expect([raw, guessValue('status', raw)]).toEqual([raw, want]);
  });
  it('plateformes, types d’auteur, oui/non', () => {
    expect(guessValue('platform', 'Twitter')).toBe('x');
    expect(guessValue('platform', 'FB')).toBe('facebook');
    expect(guessValue('platform', 'Insta')).toBe('instagram');
    expect(guessValue('authorKind', 'Mairie')).toBe('officiel');
    expect(guessValue('authorKind', 'Particulier')).toBe('citoyen');
    expect(parseBoolean('Oui')).toBe(true);
    expect(parseBoolean('x')).toBe(true);
    expect(parseBoolean('non')).toBe(false);
    expect(parseBoolean('peut-être')).toBeUndefined();
  });
});

describe('correspondance retenue par crise', () => {
  const table: SourceTable = {
    format: 'csv',
    header: ['Lien', 'Type', 'Urgence'],
    rows: [
      { line: 2, cells: ['https://a.fr/1', 'Route coupée', 'Urgent'] },
      { line: 3, cells: ['https://a.fr/2', 'Zorglub', 'urgent'] },
      { line: 4, cells: ['https://a.fr/3', 'route coupée ', 'Info'] },
    ],
    rejected: [],
  };
  it('liste les valeurs distinctes, devinées, à confirmer', () => {
    const choices = initialChoices(table.header);
    expect(choices.columns).toEqual(['url', 'category', 'priority']);
    const lists = distinctValues(table, choices);
    expect(lists.map((l) => l.target)).toEqual(['category', 'priority']);
    expect(lists[0].values).toEqual([
      { key: 'route coupee', raw: 'Route coupée', count: 2, chosen: 'routes', guessed: true },
      { key: 'zorglub', raw: 'Zorglub', count: 1, chosen: undefined, guessed: true },
    ]);
    expect(lists[1].values.map((v) => [v.raw, v.count, v.chosen])).toEqual([['Urgent', 2, 'P2'], ['Info', 1, 'P4']]);
  });
  it('se souvient des colonnes et des valeurs confirmées, et ignore un réglage abîmé', () => {
    const choices = initialChoices(table.header);
    choices.columns[1] = null;
    choices.values.priority = { urgent: 'P1' };
    const saved = toSaved(table.header, confirmValues(table, choices));
    expect(parseSavedMapping(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
    const again = initialChoices(['URGENCE', 'lien', 'Type'], parseSavedMapping(saved));
    expect(again.columns).toEqual(['priority', 'url', null]);
    expect(again.values.priority).toEqual({ urgent: 'P1', info: 'P4' });
    expect(parseSavedMapping({ columns: { lien: 'nimporte' }, values: {} })).toBeUndefined();
    expect(parseSavedMapping('x')).toBeUndefined();
  });
});
