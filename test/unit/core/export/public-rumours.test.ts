// Rumour records on the public map's « Rumeurs démenties » layer: only public and debunked ones, with
// their claim, correction and official link; placed at the centre of the communes where they
// circulated; nothing of the sightings that carry them.
import { describe, expect, it } from 'vitest';
import { buildPublicMapHtml } from '../../../../src-renderer/core/export/public-map-html';
import { publicRumourItems } from '../../../../src-renderer/core/export/public-rumours';
import { informationCount, publicSubset } from '../../../../src-renderer/core/export/public-subset';
import { publicFeature } from '../../../../src-renderer/core/export/features';
import type { Sighting } from '../../../../src-renderer/core/sighting';
import type { Rumour } from '../../../../src-renderer/core/workflow-state';
import { MOISSAC, PRIVATE, sighting } from './helpers';

const CASTEL = { insee: '82033', name: 'Castelsarrasin', departement: '82', lat: 44.04, lon: 1.107 };
const communes = {
  byInsee: (code: string) => (code === MOISSAC.insee ? MOISSAC : code === CASTEL.insee ? CASTEL : undefined),
  nearest: (lat: number, lon: number) => (Math.abs(lat - 44.1) < 0.03 && Math.abs(lon - 1.08) < 0.03 ? MOISSAC : undefined),
};

let n = 0;
function rumour(fields: Partial<Rumour> = {}): Rumour {
  n++;
  return {
    id: `rumour${n}`,
    claim: 'Le barrage de Bouillac a cédé',
    verdict: 'fausse',
    evidence: 'PREUVE-INTERNE appel EDF à 14h',
    correction: 'La préfecture dément : le barrage tient, aucune évacuation.',
    link: 'https://www.tarn-et-garonne.gouv.fr/dementi',
    isPublic: true,
    sightings: new Set<string>(),
    createdBy: 'actor-alice',
    createdAt: Date.UTC(2026, 10, 23, 8, 0),
    updatedBy: 'actor-bob',
    updatedAt: Date.UTC(2026, 10, 23, 10, 30),
    ...fields,
  };
}

// Three reposts: two in Moissac (one at an exact point in a street), one in Castelsarrasin; one
// unplaced; one archived in a third place.
const inMoissacExact = sighting({ status: 'dementi', communeInsee: MOISSAC.insee, communeName: 'Moissac', lat: 44.10612, lon: 1.08733, precision: 'exacte', ...PRIVATE });
const inMoissacNoInsee = sighting({ status: 'en_verification', lat: 44.1051, lon: 1.0861, precision: 'exacte', authorHandle: '@autre_compte' });
const inCastel = sighting({ status: 'nouveau', communeInsee: CASTEL.insee, communeName: 'Castelsarrasin', lat: 44.041, lon: 1.108, precision: 'rue', text: 'TEXTE-REPOST-2' });
const unplaced = sighting({ status: 'nouveau', text: 'TEXTE-REPOST-3' });
const archived = sighting({ status: 'archive', communeInsee: '82121', communeName: 'Montauban', lat: 44.0, lon: 1.35, precision: 'commune' });
const rows = new Map<string, Sighting>([inMoissacExact, inMoissacNoInsee, inCastel, unplaced, archived].map((s) => [s.id, s]));
const get = (id: string) => rows.get(id);
const ids = (...list: Sighting[]) => new Set(list.map((s) => s.id));

describe('publicRumourItems', () => {
  it('keeps only rumours marked public and debunked (fausse, trompeuse) with a correction, and says why the others stay in', () => {
    const shown = [rumour({ verdict: 'fausse' }), rumour({ verdict: 'trompeuse', claim: 'Trompeuse' })];
    const notPublic = rumour({ isPublic: false, claim: 'Pas publique' });
    const unverified = rumour({ verdict: 'non_verifiee', claim: 'Non vérifiée' });
    const real = rumour({ verdict: 'vraie', claim: 'Vraie' });
    const noCorrection = rumour({ correction: '  ', claim: 'Sans correction' });
    const { items, withheld } = publicRumourItems({ rumours: [...shown, notPublic, unverified, real, noCorrection], get });
    expect(items.map((i) => i.rumourId)).toEqual(shown.map((r) => r.id));
    expect(items.every((i) => i.layer === 'rumeurs' && i.category === 'rumeur')).toBe(true);
    expect(withheld).toEqual([
      { id: unverified.id, title: 'Non vérifiée', reason: 'rumeur non démentie (verdict : Non vérifiée)' },
      { id: real.id, title: 'Vraie', reason: 'rumeur non démentie (verdict : Vraie)' },
      { id: noCorrection.id, title: 'Sans correction', reason: 'correction officielle manquante' },
    ]);
  });

  it('publishes the claim, the correction and the official link, and nothing of the sightings or the evidence', () => {
    const r = rumour({ sightings: ids(inMoissacExact, inMoissacNoInsee, inCastel, unplaced) });
    const { items } = publicRumourItems({ rumours: [r], get }, { communes });
    expect(items[0]).toMatchObject({ title: r.claim, summary: r.correction, source: r.link, time: '2026-11-23T10:30:00.000Z' });
    const text = JSON.stringify([items, items.map(publicFeature)]);
    for (const value of [...Object.values(PRIVATE), '@autre_compte', 'TEXTE-REPOST-2', 'TEXTE-REPOST-3', 'PREUVE-INTERNE', 'actor-alice', 'actor-bob']) expect(text, value).not.toContain(value);
    for (const s of [inMoissacExact, inMoissacNoInsee, inCastel, unplaced]) expect(text).not.toContain(s.id);
  });

  it('drops a link that is not http(s)', () => {
    const { items } = publicRumourItems({ rumours: [rumour({ link: 'javascript:alert(1)' })], get });
    expect(items[0]!.source).toBe('');
  });

  it('one point per commune where it circulated, at the commune centre, never at a post; archived sightings left out', () => {
    const r = rumour({ sightings: ids(inMoissacExact, inMoissacNoInsee, inCastel, unplaced, archived) });
    const { items } = publicRumourItems({ rumours: [r], get }, { communes });
    expect(items.map((i) => [i.communeName, i.lat, i.lon, i.precision])).toEqual([
      ['Castelsarrasin', CASTEL.lat, CASTEL.lon, 'commune'],
      ['Moissac', MOISSAC.lat, MOISSAC.lon, 'commune'],
    ]);
    expect(new Set(items.map((i) => i.id)).size).toBe(2);
    expect(informationCount(items)).toBe(1);
  });

  it('a rumour with no placed sighting goes out without a point (listed, not drawn)', () => {
    const { items } = publicRumourItems({ rumours: [rumour({ sightings: ids(unplaced) }), rumour({ sightings: new Set(['not-received-yet']) })], get }, { communes });
    expect(items.map((i) => [i.lat, i.lon, i.communeName, i.precision])).toEqual([
      [null, null, '', 'inconnue'],
      [null, null, '', 'inconnue'],
    ]);
    expect(publicFeature(items[0]!).geometry).toBeNull();
  });

  it('an exact point is never used when no commune stands for it', () => {
    const lone = sighting({ status: 'nouveau', lat: 47.2, lon: 3.1, precision: 'exacte' });
    const { items } = publicRumourItems({ rumours: [rumour({ sightings: ids(lone) })], get: (id) => (id === lone.id ? lone : undefined) }, { communes });
    expect([items[0]!.lat, items[0]!.lon]).toEqual([null, null]);
  });
});

describe('publicSubset with rumour records', () => {
  const own = sighting({ isPublic: true, status: 'dementi', category: 'rumeur', publicTitle: 'Barrage rompu : faux', publicSummary: 'Démenti' });
  const confirmed = sighting({ isPublic: true, status: 'confirme', publicTitle: 'Route coupée' });
  const all = new Map<string, Sighting>([...rows, [own.id, own], [confirmed.id, confirmed]]);
  const input = (list: Rumour[]) => ({ rumours: list, get: (id: string) => all.get(id) });

  it('joins the « Rumeurs démenties » layer; a denied sighting the rumour carries goes out through the rumour only', () => {
    const r = rumour({ sightings: ids(own, inCastel) });
    const { items, withheld } = publicSubset(all.values(), { communes, rumours: input([r]) });
    expect(items.filter((i) => i.layer === 'rumeurs').map((i) => i.title)).toEqual([r.claim]);
    expect(items.some((i) => i.id === own.id)).toBe(false);
    expect(withheld).toContainEqual({ id: own.id, reason: `publiée avec la rumeur « ${r.claim} »` });
    expect(items.some((i) => i.id === confirmed.id)).toBe(true);
  });

  it('the publisher excludes a rumour by its id: all its communes leave, and its sightings go out as before', () => {
    const r = rumour({ sightings: ids(own, inCastel, inMoissacExact) });
    const { items, withheld } = publicSubset(all.values(), { communes, rumours: input([r]), excluded: new Set([r.id]) });
    expect(items.some((i) => i.rumourId === r.id)).toBe(false);
    expect(items.some((i) => i.id === own.id)).toBe(true);
    expect(withheld).toContainEqual({ id: r.id, title: r.claim, reason: 'exclue par vous' });
  });

  it('without rumour records, the subset is what it was', () => {
    expect(publicSubset(all.values(), { communes }).items.map((i) => i.id).sort()).toEqual([own.id, confirmed.id].sort());
  });

  it('the public map lists a rumour once, with its communes, and counts it once', async () => {
    const r = rumour({ sightings: ids(inCastel, inMoissacExact) });
    const { items } = publicSubset([confirmed], { communes, rumours: input([r]) });
    expect(items).toHaveLength(3);
    const html = await buildPublicMapHtml({ crisisName: 'C', departement: '82', departementName: '', items, updatedAt: 0, timeZone: 'Europe/Paris', links: [], basemap: { land: [], departements: [] }, view: [0, 0, 1, 1], categories: [], leaflet: { js: '', css: '' } });
    expect(html).toContain('data-public-count="2"');
    const data = JSON.parse(html.slice(html.indexOf('id="vigie-data">') + 16, html.indexOf('</script>', html.indexOf('id="vigie-data">'))));
    const rumourItems = data.items.filter((i: { l: number }) => i.l === 1);
    expect(rumourItems.map((i: { g: string; m: string; s: string; u: string }) => [i.g, i.m, i.s, i.u])).toEqual([
      [r.id, 'Castelsarrasin', r.correction, r.link],
      [r.id, 'Moissac', r.correction, r.link],
    ]);
    expect(data.items.find((i: { l: number }) => i.l === 0).g).toBeUndefined();
  });
});
