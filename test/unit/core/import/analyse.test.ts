import { describe, expect, it } from 'vitest';
import { analyseImport, applyImport, ImportError, ImportWriteError, initialChoices, rowsToWrite, existingLinks } from '../../../../src-renderer/core/import';
import { mapRow } from '../../../../src-renderer/core/import/rows';
import { validateFields, DEFAULT_FIELDS } from '../../../../src-renderer/core/sighting';
import { context, cp1252, noYield, runImport, TEAM_CSV, utf8, withBom } from './helpers';

const csv = (...lines: string[]) => utf8(lines.join('\r\n'));

describe('le tableau de l’équipe', () => {
  it('s’importe tel qu’Excel l’écrit (Windows-1252, « ; », dates et virgules françaises), lignes valides prêtes pour createMany', async () => {
    for (const bytes of [cp1252(TEAM_CSV), withBom(TEAM_CSV), utf8(TEAM_CSV.replace(/\r\n/g, '\n'))]) {
      const { report } = await runImport(bytes);
      expect(report.rejected).toEqual([]);
      expect(report.duplicates).toEqual([]);
      expect(report.valid.map((r) => r.line)).toEqual([2, 3, 4, 5]);
      const [a, b, c, d] = report.valid.map((r) => r.input);
      expect(a).toMatchObject({
        postedAt: '2026-03-12T13:30:00.000Z', platform: 'x', url: 'https://twitter.com/Prefet82/status/1900000000000000001?s=20', authorHandle: '@Prefet82',
        text: 'Pont fermé à Moissac', communeName: 'Moissac', communeInsee: '82112', departement: '82', placeText: 'quai du Port',
        lat: 44.1036, lon: 1.0846, precision: 'exacte', category: 'routes', priority: 'P2', status: 'confirme', assignee: 'Léa', verificationNotes: 'Confirmé par le SDIS',
      });
      expect(b).toMatchObject({ platform: 'facebook', text: "Famille bloquée sur le toit, 2 enfants; besoin d'aide", category: 'secours', priority: 'P1', status: 'nouveau', communeName: 'Montauban', communeInsee: '82121', precision: 'commune' });
      expect(c).toMatchObject({ postedAt: '2026-03-12T15:10:00.000Z', category: 'alea', priority: 'P3', status: 'en_verification', communeName: 'Castelsarrasin', precision: 'commune' });
      expect(d).toMatchObject({ category: 'evacuation', priority: 'P4', status: 'transmis', communeName: 'Moissac', precision: 'commune', placeText: 'Moissac, gymnase' });
      expect(report.placed).toBe(3);
      for (const r of report.valid) expect(validateFields({ ...DEFAULT_FIELDS, ...r.input })).toEqual([]);
    }
  });
  it('lit aussi un CSV à virgules, colonnes anglaises, coordonnées en une colonne', async () => {
    const { report } = await runImport(
      csv('link,text,account,date,coordinates,category,priority', 'https://x.com/a/status/1,"Flooded street, Moissac",@a,2026-03-12T14:30:00Z,"44.1036, 1.0846",Hazard observation,P1'),
    );
    expect(report.valid[0].input).toMatchObject({ url: 'https://x.com/a/status/1', text: 'Flooded street, Moissac', lat: 44.1036, lon: 1.0846, category: 'alea', priority: 'P1', postedAt: '2026-03-12T14:30:00.000Z' });
  });
});

describe('placement par le répertoire des communes', () => {
  const place = async (header: string, cells: string, dep = '82') => (await runImport(csv(`Texte;${header}`, `crue;${cells}`), 'a.csv', { departement: dep })).report;
  it('place par code INSEE (même sans le zéro qu’Excel retire), par nom, par nom et code postal, par lieu libre', async () => {
    expect((await place('Code INSEE', '82112')).valid[0].input).toMatchObject({ communeName: 'Moissac', lat: expect.any(Number), precision: 'commune' });
    expect((await place('Code INSEE', '1053', '01')).valid[0].input).toMatchObject({ communeInsee: '01053', communeName: 'Bourg-en-Bresse' });
    expect((await place('Commune', 'moissac')).valid[0].input).toMatchObject({ communeInsee: '82112' });
    expect((await place('Commune', 'Saint-Denis', '974')).valid[0].input).toMatchObject({ departement: '974' });
    expect((await place('Commune;Code postal', 'Saint-Denis;93200', '82')).valid[0].input).toMatchObject({ departement: '93' });
    expect((await place('Lieu', 'Moissac, quai du Port')).valid[0].input).toMatchObject({ communeName: 'Moissac', placeText: 'Moissac, quai du Port' });
  });
  it('garde la ligne non placée quand la commune est inconnue, et le signale', async () => {
    const r = await place('Commune', 'Zorglubville');
    expect(r.valid[0].input).toMatchObject({ communeName: 'Zorglubville' });
    expect(r.valid[0].input.lat).toBeUndefined();
    expect(r.warnings).toEqual([{ line: 2, reason: 'commune « Zorglubville » introuvable dans le répertoire des communes : remontée non placée' }]);
    expect(r.placed).toBe(0);
  });
  it('ne déplace pas une ligne qui a ses coordonnées', async () => {
    const r = await place('Commune;Lat;Lon', 'Moissac;44,2;1,3');
    expect(r.valid[0].input).toMatchObject({ lat: 44.2, lon: 1.3, precision: 'exacte', communeName: 'Moissac' });
    expect(r.placed).toBe(0);
  });
});

describe('lignes malformées : chacune rejetée avec sa ligne et sa raison en français', () => {
  const reasons = async (...lines: string[]) => (await runImport(csv(...lines))).report.rejected;
  it('coordonnées invalides', async () => {
    expect(
      await reasons(
        'Texte;Latitude;Longitude',
        'a;44,1;1,08',
        'b;123,4;1,08',
        'c;44,1;abc',
        'd;44,1;',
        'e;;1,08',
        'f;44°06′13″N;1°05′05″E',
      ),
    ).toEqual([
      { line: 3, reason: 'coordonnées invalides : latitude 123,4 hors limites (−90 à 90)' },
      { line: 4, reason: 'coordonnées invalides : longitude « abc » n’est pas un nombre (ex. 44,1036 ou 44.1036)' },
      { line: 5, reason: 'latitude « 44,1 » sans longitude' },
      { line: 6, reason: 'longitude « 1,08 » sans latitude' },
    ]);
    expect(await reasons('Texte;Coordonnées', 'a;44.1 1.08', 'b;quelque part')).toEqual([
      { line: 3, reason: expect.stringMatching(/^coordonnées « quelque part » invalides : écrivez la latitude puis la longitude/) },
    ]);
  });
  it('liens, dates, textes trop longs, valeurs oui/non', async () => {
    const r = await reasons(
      'Lien;Texte;Date;Carte publique;Titre public',
      'javascript:alert(1);a;12/03/2026;non;',
      'https://ok.fr/;b;31/02/2026;;',
      `https://ok.fr/2;${'x'.repeat(20_001)};;;`,
      'https://ok.fr/3;c;;peut-être;',
      'https://ok.fr/4;d;;oui;',
      'ftp://a.fr/x;e;;;',
    );
    expect(r).toEqual([
      { line: 2, reason: 'Lien « javascript:alert(1) » : lien invalide : seuls les liens http(s) sont acceptés' },
      { line: 3, reason: 'date « 31/02/2026 » impossible' },
      { line: 4, reason: expect.stringMatching(/^Texte « x{60}… » : 20000 caractères au plus$/) },
      { line: 5, reason: '« Sur la carte publique » : « peut-être » n’est ni oui ni non' },
      { line: 6, reason: 'Titre public : un titre public est requis pour la carte publique' },
      { line: 7, reason: 'Lien « ftp://a.fr/x » : lien invalide : seuls les liens http(s) sont acceptés' },
    ]);
  });
  it('un statut réservé aux coordinateurs, pour un veilleur', async () => {
    const { table } = await runImport(csv('Texte;Statut', 'a;Transmis', 'b;Vérifié'));
    const ctx = { header: table.header, ...context('82', (s) => (s === 'transmis' || s === 'traite' ? 'statut « Transmis au COD » réservé aux coordinateurs et au COD' : '')) };
    const report = await analyseImport(table, initialChoices(table.header), ctx, { existing: new Map(), yieldFn: noYield });
    expect(report.rejected).toEqual([{ line: 2, reason: 'statut « Transmis au COD » réservé aux coordinateurs et au COD' }]);
    expect(report.valid.map((r) => r.input.status)).toEqual(['confirme']);
  });
  it('colonnes manquantes : le fichier entier est refusé, en nommant ses colonnes', async () => {
    await expect(runImport(csv('Commune;Catégorie', 'Moissac;Crue'))).rejects.toThrow(
      new ImportError('missing-columns', 'Colonnes manquantes : il faut au moins une colonne « Lien » ou « Texte ». Colonnes du fichier : « Commune », « Catégorie ». Associez-les dans la correspondance des colonnes. Rien n’a été importé.'),
    );
  });
});

describe('formules', () => {
  it('=HYPERLINK dans un lien : refusé, jamais interprété ni transformé en lien', async () => {
    const { report } = await runImport(csv('Lien;Texte', '=HYPERLINK("https://evil.example/","Cliquez");a', '+HYPERLINK("https://evil.example/");b', 'https://ok.fr/;c'));
    expect(report.rejected).toEqual([
      { line: 2, reason: 'colonne « Lien » : formule « =HYPERLINK("https://evil.example/","Cliquez") » non interprétée (Vigie lit les valeurs, jamais les formules) ; remplacez-la par sa valeur dans le tableur' },
      { line: 3, reason: expect.stringContaining('formule « +HYPERLINK(') },
    ]);
    expect(report.valid.map((r) => r.input.url)).toEqual(['https://ok.fr/']);
  });
  it('dans un texte : gardée telle quelle comme texte, et signalée', async () => {
    const { report } = await runImport(csv('Lien;Texte;Notes', 'https://ok.fr/;=1+1;-5 cm ce matin', 'https://ok.fr/2;@SUM(A1:A2);+33 6 12'));
    expect(report.rejected).toEqual([]);
    expect(report.valid.map((r) => [r.input.text, r.input.verificationNotes])).toEqual([
      ['=1+1', '-5 cm ce matin'],
      ['@SUM(A1:A2)', '+33 6 12'],
    ]);
    expect(report.warnings).toEqual([
      { line: 2, reason: 'colonne « Texte » : formule « =1+1 » gardée comme simple texte' },
      { line: 3, reason: 'colonne « Texte » : formule « @SUM(A1:A2) » gardée comme simple texte' },
    ]);
  });
  it('dans une date, un nombre ou un vocabulaire : refusée', async () => {
    const { report } = await runImport(csv('Texte;Latitude;Longitude;Catégorie', 'a;=44+0,1;1;', 'b;;;"=IF(1;""secours"")"'));
    expect(report.rejected.map((r) => r.line)).toEqual([2, 3]);
    expect(report.rejected[1].reason).toContain('colonne « Catégorie » : formule');
  });
});

describe('doublons', () => {
  const existing = [
    { id: 'S1', url: 'https://x.com/prefet82/status/1900000000000000001' },
    { id: 'S2', url: 'https://www.facebook.com/story.php?story_fbid=123&id=456' },
  ];
  it('reconnaît un lien déjà dans la crise (x.com ≡ twitter.com, m.facebook.com, paramètres de suivi) et dans le fichier', async () => {
    const team = TEAM_CSV + '\r\n13/03/2026;09:00;X;https://x.com/mairie/status/1900000000000000004?utm_source=a;@mairie;Encore;;;;;;;;;';
    const { report } = await runImport(cp1252(team), 'a.csv', { existing });
    expect(report.duplicates.map(({ line, existingId, firstLine }) => ({ line, existingId, firstLine }))).toEqual([
      { line: 2, existingId: 'S1', firstLine: undefined },
      { line: 3, existingId: 'S2', firstLine: undefined },
      { line: 6, existingId: undefined, firstLine: 5 },
    ]);
    expect(report.valid.map((r) => r.line)).toEqual([4, 5]);
    // Skipped by default; linked on request (relatedIds), never doubled; a repeat in the file is never written twice.
    expect(rowsToWrite(report, 'skip')).toHaveLength(2);
    const linked = rowsToWrite(report, 'link');
    expect(linked.map((r) => [r.text, r.relatedIds])).toEqual([
      ['Pont fermé à Moissac', ['S1']],
      ["Famille bloquée sur le toit, 2 enfants; besoin d'aide", ['S2']],
      ["Hauteur d'eau 1,20 m rue de la Paix", undefined],
      ['Gymnase ouvert pour les sinistrés', undefined],
    ]);
    for (const r of linked) expect(validateFields({ ...DEFAULT_FIELDS, ...r })).toEqual([]);
  });
  it('existingLinks ignore les remontées sans lien', () => {
    expect([...existingLinks([{ id: 'a', url: '' }, { id: 'b', url: 'https://A.fr/x/' }])]).toEqual([['a.fr/x', 'b']]);
  });
});

describe('écriture : tout validé avant, en un seul enregistrement', () => {
  it('écrit toutes les lignes en un appel, avec progression', async () => {
    const calls: number[] = [];
    const progress: number[] = [];
    const inputs = Array.from({ length: 12_001 }, (_, i) => ({ text: `r${i}` }));
    const target = {
      createMany: async (xs: Partial<{ text: string }>[], o?: { onProgress?: (d: number, t: number) => void }) => {
        calls.push(xs.length);
        o?.onProgress?.(6000, xs.length);
        return xs.map((x) => x.text!);
      },
    };
    const ids = await applyImport(target, inputs, { onProgress: (p) => progress.push(p.done) });
    expect(calls).toEqual([12_001]);
    expect(ids).toHaveLength(12_001);
    expect(progress).toEqual([0, 6000]);
  });
  it('dit que rien n’a été enregistré quand le disque lâche', async () => {
    const target = { createMany: async () => { throw new Error('QuotaExceededError'); } };
    const err = await applyImport(target, Array.from({ length: 12_000 }, () => ({ text: 'a' }))).catch((e) => e);
    expect(err).toBeInstanceOf(ImportWriteError);
    expect(err.message).toBe('Import refusé, rien n’a été enregistré : QuotaExceededError');
  });
});

describe('mapRow', () => {
  it('joint plusieurs colonnes de texte, sépare les liens de médias', () => {
    const r = mapRow(['a', 'b', 'https://i.fr/1.jpg https://i.fr/2.jpg\nwww.i.fr/3.jpg'], { columns: ['text', 'text', 'mediaUrls'], values: {} }, { header: ['T1', 'T2', 'M'], ...context() });
    expect(r).toEqual({ ok: true, placed: false, warnings: [], input: { text: 'a\nb', mediaUrls: ['https://i.fr/1.jpg', 'https://i.fr/2.jpg', 'https://www.i.fr/3.jpg'] } });
  });
  it('applique la table de valeurs confirmée plutôt que la devinette', () => {
    const r = mapRow(['x', 'Urgent'], { columns: ['text', 'priority'], values: { priority: { urgent: 'P1' } } }, { header: ['T', 'P'], ...context() });
    expect(r.ok && r.input.priority).toBe('P1');
  });
});
