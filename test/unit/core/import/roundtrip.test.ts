// The CSV export (core/export/csv.ts) read back by the importer gives the same rows.
import { describe, expect, it } from 'vitest';
import { buildRestrictedCsv } from '../../../../src-renderer/core/export/csv';
import { initialChoices } from '../../../../src-renderer/core/import';
import { DEFAULT_FIELDS, type Sighting, type SightingFields } from '../../../../src-renderer/core/sighting';
import { noYield, runImport, utf8 } from './helpers';

const meta = (i: number) => ({ id: `s${i}`, createdAt: 1_773_000_000_000 + i, createdBy: 'A', updatedAt: 1_773_000_000_000 + i, updatedBy: 'A' });
const rows: Sighting[] = [
  {
    ...DEFAULT_FIELDS, ...meta(1),
    platform: 'x', url: 'https://x.com/Prefet82/status/1900000000000000001', authorHandle: '@Prefet82', authorKind: 'officiel', postedAt: '2026-03-12T13:30:00.000Z',
    text: 'Pont fermé ; « quai » coupé\nsuite "citée"', mediaUrls: ['https://pbs.twimg.com/a.jpg', 'https://pbs.twimg.com/b.jpg'], placeText: 'Moissac, quai du Port',
    communeInsee: '82112', communeName: 'Moissac', departement: '82', lat: 44.10361, lon: 1.08456, precision: 'rue',
    category: 'routes', priority: 'P2', status: 'confirme', assignee: 'Léa', verificationNotes: 'Confirmé par le SDIS', isPublic: true, publicTitle: 'Pont fermé', publicSummary: 'Le pont est fermé.',
  },
  {
    ...DEFAULT_FIELDS, ...meta(2),
    platform: 'facebook', url: 'https://www.facebook.com/story.php?story_fbid=1&id=2', authorKind: 'citoyen', postedAt: '2026-07-01T22:05:00.000Z',
    text: '=1+1 et -5 cm', category: 'secours', priority: 'P1', status: 'transmis', verificationNotes: '+33 6 12 34 56 78', lat: -21.1151, lon: 55.5364, precision: 'exacte', departement: '974',
  },
  { ...DEFAULT_FIELDS, ...meta(3), platform: 'appel', text: 'Appel : cave inondée', category: 'alea', priority: 'P4', status: 'dementi', authorKind: 'media' },
  { ...DEFAULT_FIELDS, ...meta(4), platform: 'terrain', text: 'Rumeur de rupture du barrage', category: 'rumeur', priority: 'P3', status: 'archive', precision: 'inconnue' },
];

const COMPARED: (keyof SightingFields)[] = (Object.keys(DEFAULT_FIELDS) as (keyof SightingFields)[]).filter((f) => f !== 'duplicateOf' && f !== 'relatedIds');

describe('export CSV → import', () => {
  it('redonne les mêmes remontées (champs, dates à la minute, coordonnées, vocabulaire par libellé, formules neutralisées)', async () => {
    const csv = await buildRestrictedCsv(rows, { timeZone: 'Europe/Paris', memberName: () => 'Alice' });
    const { table, report } = await runImport(utf8(csv), 'export.csv', { choices: (t) => initialChoices(t.header) });
    expect(table.separator).toBe(';');
    expect(report.rejected).toEqual([]);
    expect(report.valid).toHaveLength(rows.length);
    report.valid.forEach(({ input }, i) => {
      const back = { ...DEFAULT_FIELDS, ...input };
      for (const f of COMPARED) expect([rows[i].id, f, back[f]]).toEqual([rows[i].id, f, rows[i][f]]);
    });
    expect(report.warnings).toEqual([]);
    void noYield;
  });
  it('reconnaît ses propres lignes comme doublons quand on réimporte dans la même crise', async () => {
    const csv = await buildRestrictedCsv(rows, { timeZone: 'Europe/Paris', memberName: () => 'Alice' });
    const { report } = await runImport(utf8(csv), 'export.csv', { existing: rows });
    expect(report.duplicates.map((d) => d.existingId)).toEqual(['s1', 's2']);
    expect(report.valid).toHaveLength(2); // the two without a link
  });
});
