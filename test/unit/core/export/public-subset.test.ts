import { describe, expect, it } from 'vitest';
import { publicSubset } from '../../../../src-renderer/core/export/public-subset';
import { communes, MOISSAC, PRIVATE, sighting } from './helpers';

describe('publicSubset', () => {
  const confirmed = sighting({ isPublic: true, status: 'confirme', publicTitle: 'Route D927 coupée', publicSummary: 'Déviation par Lafrançaise', category: 'routes', lat: 44.1201, lon: 1.0912345, precision: 'exacte', ...PRIVATE });
  const rumour = sighting({ isPublic: true, status: 'dementi', category: 'rumeur', publicTitle: 'Barrage rompu : faux', publicSummary: 'La préfecture dément : le barrage tient.' });
  const rescue = sighting({ isPublic: true, status: 'confirme', category: 'secours', publicTitle: 'Personnes sur un toit', communeInsee: '82112', communeName: 'Moissac', lat: 44.1111, lon: 1.0999, precision: 'exacte' });
  const victimNoCommune = sighting({ isPublic: true, status: 'confirme', category: 'victimes', publicTitle: 'Un blessé', lat: 47, lon: 3, precision: 'exacte' });
  const notPublic = sighting({ status: 'confirme', publicTitle: 'Pas public' });
  const unverified = sighting({ isPublic: true, status: 'en_verification', publicTitle: 'Pas encore vérifié' });
  const handled = sighting({ isPublic: true, status: 'traite', publicTitle: 'Traité' });
  const rows = [confirmed, rumour, rescue, victimNoCommune, notPublic, unverified, handled];

  it('keeps only public sightings in a publishable status, denied rumours in their own layer', () => {
    const { items, withheld } = publicSubset(rows, { communes });
    expect(items.map((i) => i.title).sort()).toEqual(['Barrage rompu : faux', 'Personnes sur un toit', 'Route D927 coupée', 'Un blessé']);
    expect(items.find((i) => i.id === rumour.id)!.layer).toBe('rumeurs');
    expect(items.find((i) => i.id === rumour.id)!.summary).toBe('La préfecture dément : le barrage tient.');
    expect(items.find((i) => i.id === confirmed.id)!.layer).toBe('confirmees');
    expect(withheld.map((w) => w.id).sort()).toEqual([unverified.id, handled.id].sort());
  });

  it('places rescue requests and victims at their commune, never at the exact point', () => {
    const { items } = publicSubset(rows, { communes });
    const r = items.find((i) => i.id === rescue.id)!;
    expect([r.lat, r.lon, r.precision, r.communeName]).toEqual([MOISSAC.lat, MOISSAC.lon, 'commune', 'Moissac']);
    const v = items.find((i) => i.id === victimNoCommune.id)!;
    expect([v.lat, v.lon, v.precision]).toEqual([null, null, 'inconnue']);
    const c = items.find((i) => i.id === confirmed.id)!;
    expect([c.lat, c.lon]).toEqual([44.1201, 1.09123]);
  });

  it('carries none of the private fields', () => {
    const text = JSON.stringify(publicSubset(rows, { communes }).items);
    for (const value of Object.values(PRIVATE)) expect(text).not.toContain(value);
    expect(text).not.toContain('jean_dupont82');
    expect(text).not.toContain('actor-alice');
  });

  it('publishes the link of an official post only', () => {
    const official = sighting({ isPublic: true, status: 'confirme', publicTitle: 'Consigne', authorKind: 'officiel', url: 'https://www.tarn-et-garonne.gouv.fr/crue' });
    const citizen = sighting({ isPublic: true, status: 'confirme', publicTitle: 'Photo', authorKind: 'citoyen', url: 'https://x.com/someone/status/1' });
    const { items } = publicSubset([official, citizen]);
    expect(items.find((i) => i.id === official.id)!.source).toBe('https://www.tarn-et-garonne.gouv.fr/crue');
    expect(items.find((i) => i.id === citizen.id)!.source).toBe('');
  });

  it('leaves out what the publisher excluded, and says why', () => {
    const { items, withheld } = publicSubset(rows, { communes, excluded: new Set([confirmed.id]) });
    expect(items.some((i) => i.id === confirmed.id)).toBe(false);
    expect(withheld).toContainEqual({ id: confirmed.id, reason: 'exclue par vous' });
  });
});
