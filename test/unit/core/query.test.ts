import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, countByStatus, filterSightings, sortSightings } from '../../../src-renderer/core/query';
import { DEFAULT_FIELDS, type Sighting } from '../../../src-renderer/core/sighting';

let n = 0;
function row(over: Partial<Sighting>): Sighting {
  n++;
  return { ...DEFAULT_FIELDS, id: 'id' + n, createdAt: n, createdBy: 'a', updatedAt: n, updatedBy: 'a', ...over };
}

const rows = [
  row({ text: 'Eau dans la crèche', communeName: 'Saint-Étienne', communeInsee: '42218', priority: 'P1', category: 'secours' }),
  row({ text: 'Route coupée', communeName: 'Moissac', communeInsee: '82112', priority: 'P2', category: 'routes', authorHandle: '@sdis82' }),
  row({ text: 'Rumeur de barrage rompu', status: 'dementi', priority: 'P4', category: 'rumeur', url: 'https://x.com/a/status/1' }),
  row({ text: 'Vieux', status: 'archive' }),
];

describe('filtres du tableau', () => {
  it('cache les archivées tant qu’on ne les demande pas', () => {
    expect(filterSightings(rows, EMPTY_FILTER)).toHaveLength(3);
    expect(filterSightings(rows, { ...EMPTY_FILTER, statuses: ['archive'] }).map((s) => s.text)).toEqual(['Vieux']);
  });
  it('cherche sans accents ni casse dans le texte, l’auteur, le lieu et le lien', () => {
    expect(filterSightings(rows, { ...EMPTY_FILTER, text: 'CRECHE' })).toHaveLength(1);
    expect(filterSightings(rows, { ...EMPTY_FILTER, text: 'sdis82' })[0].communeName).toBe('Moissac');
    expect(filterSightings(rows, { ...EMPTY_FILTER, text: 'x.com' })[0].category).toBe('rumeur');
    expect(filterSightings(rows, { ...EMPTY_FILTER, text: 'route moissac' })).toHaveLength(1);
    expect(filterSightings(rows, { ...EMPTY_FILTER, text: 'route paris' })).toHaveLength(0);
  });
  it('filtre par commune (nom ou code INSEE), catégorie et priorité', () => {
    expect(filterSightings(rows, { ...EMPTY_FILTER, commune: 'st etienne' })).toHaveLength(1);
    expect(filterSightings(rows, { ...EMPTY_FILTER, commune: '82112' })).toHaveLength(1);
    expect(filterSightings(rows, { ...EMPTY_FILTER, categories: ['routes', 'secours'] })).toHaveLength(2);
    expect(filterSightings(rows, { ...EMPTY_FILTER, priorities: ['P4'] })[0].status).toBe('dementi');
  });
  it('compte par statut sous les autres filtres', () => {
    const counts = countByStatus(rows, { ...EMPTY_FILTER, priorities: ['P1', 'P4'] });
    expect(counts.nouveau).toBe(1);
    expect(counts.dementi).toBe(1);
    expect(counts.archive).toBe(0);
  });
  it('trie par priorité, puis du plus récent au plus ancien', () => {
    const sorted = sortSightings(rows, { key: 'priority', descending: false });
    expect(sorted.map((s) => s.priority)).toEqual(['P1', 'P2', 'P3', 'P4']);
    const byDate = sortSightings(rows, { key: 'createdAt', descending: true });
    expect(byDate[0].text).toBe('Vieux');
  });
});
