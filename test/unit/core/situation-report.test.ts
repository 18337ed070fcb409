// The point de situation's data: what is in the period, what is counted, listed and left out.
import { describe, expect, it } from 'vitest';
import type { Body, Entry } from '../../../src-renderer/core/records';
import { buildSituationReport, MAX_COMMUNES, MAX_LISTED, periodError, presetPeriod, shortText, type SituationInput } from '../../../src-renderer/core/situation-report';
import { relayInputFrom, relaySection } from '../../../src-renderer/core/situation-relay';
import { RelayKitState } from '../../../src-renderer/core/relay-kit-state';
import type { Sighting } from '../../../src-renderer/core/sighting';
import { CATEGORIES, PRIORITIES, STATUSES } from '../../../src-renderer/core/taxonomy';
import { WorkflowState } from '../../../src-renderer/core/workflow-state';
import { seededRandom } from '../../seeded-random';
import { sighting } from './export/helpers';

const H = (h: number, m = 0) => Date.UTC(2026, 10, 27, h, m);
const A = 'a'.repeat(43);
const B = 'b'.repeat(43);
let n = 0;
const entry = (body: Record<string, unknown>): Entry => ({ id: `w${String(++n).padStart(4, '0')}`, body: body as unknown as Body });

function input(rows: Sighting[], workflow: WorkflowState, period = { from: H(8), to: H(20) }): SituationInput {
  const byId = new Map(rows.map((s) => [s.id, s]));
  return { rows, get: (id) => byId.get(id), workflow, period };
}

describe('point de situation', () => {
  const moissacP1 = sighting({ id: 'p1a', createdAt: H(9), priority: 'P1', category: 'secours', communeInsee: '82112', communeName: 'Moissac', text: 'Famille   réfugiée\nsur le toit', lat: 44.1, lon: 1.08 });
  const montaubanP1 = sighting({ id: 'p1b', createdAt: H(8, 30), priority: 'P1', category: 'secours', communeInsee: '82121', communeName: 'Montauban', status: 'transmis', text: 'Voiture emportée' });
  const route = sighting({ id: 'r1', createdAt: H(10), priority: 'P2', category: 'routes', communeInsee: '82112', communeName: 'Moissac', status: 'confirme', text: 'D813 coupée' });
  const before = sighting({ id: 'old', createdAt: H(6), priority: 'P1', category: 'secours', communeInsee: '82112', communeName: 'Moissac', status: 'confirme', text: 'Confirmé ce matin, capturé avant' });
  const after = sighting({ id: 'late', createdAt: H(21), priority: 'P1', text: 'Après la période' });
  const archivedP1 = sighting({ id: 'gone', createdAt: H(11), priority: 'P1', status: 'archive', communeName: 'Moissac', communeInsee: '82112', text: 'Archivée' });
  const duplicate = sighting({ id: 'dup', createdAt: H(12), priority: 'P1', status: 'doublon', duplicateOf: 'p1a', text: 'Doublon' });
  const noPlace = sighting({ id: 'np', createdAt: H(13), priority: 'P4', category: 'medias', text: 'Article de presse' });
  const denied = sighting({ id: 'den', createdAt: H(14), priority: 'P3', category: 'rumeur', status: 'dementi', text: 'Le barrage a cédé' });
  const rows = [moissacP1, montaubanP1, route, before, after, archivedP1, duplicate, noPlace, denied];

  function workflow(): WorkflowState {
    n = 0;
    const w = new WorkflowState();
    for (const e of [
      entry({ k: 'q', a: A, t: H(10, 30), s: 'r1', check: 'verdict', verdict: 'confirme' }),
      entry({ k: 'q', a: B, t: H(9), s: 'old', check: 'verdict', verdict: 'confirme' }),
      entry({ k: 'q', a: A, t: H(14, 10), s: 'den', check: 'verdict', verdict: 'dementi', note: 'photo de 2020' }),
      entry({ k: 'f', a: A, t: H(8, 40), s: ['p1b'], msg: 'Personnes en danger' }),
      entry({ k: 'y', a: B, t: H(8, 50), f: 'w0004', action: 'engage_moyens', note: 'SDIS engagé' }),
      entry({ k: 'f', a: A, t: H(7), s: ['old'], msg: 'Avant la période' }),
      entry({ k: 'z', a: A, t: H(14), z: 'rz', claim: 'Le barrage a cédé', add: ['den'] }),
      entry({ k: 'z', a: B, t: H(15), z: 'rz', verdict: 'fausse', correction: 'Le barrage tient (préfecture).' }),
      entry({ k: 'z', a: A, t: H(3), z: 'stale', claim: 'Vieille rumeur' }),
    ])
      w.apply(e as never);
    return w;
  }

  it('counts by status, category and commune the sightings captured in the period', () => {
    const r = buildSituationReport(input(rows, workflow()));
    expect(r.total).toBe(7);
    expect(r.archived).toBe(1);
    expect(r.duplicates).toBe(1);
    expect(Object.fromEntries(r.byStatus)).toEqual({ nouveau: 2, confirme: 1, dementi: 1, doublon: 1, transmis: 1, archive: 1 });
    // Duplicates and archived are not counted twice as information.
    expect(r.byCategory).toEqual([['secours', 2], ['routes', 1], ['rumeur', 1], ['medias', 1]]);
    expect(r.byCommune.map((c) => [c.name, c.count, c.p1])).toEqual([
      ['Moissac', 2, 1],
      ['Montauban', 1, 1],
      ['', 2, 0],
    ]);
  });

  it('lists the P1 sightings of the period in time order, short, without the archived and duplicates', () => {
    const r = buildSituationReport(input(rows, workflow()));
    expect(r.p1.map((l) => [l.id, l.commune, l.text, l.status])).toEqual([
      ['p1b', 'Montauban', 'Voiture emportée', 'transmis'],
      ['p1a', 'Moissac', 'Famille réfugiée sur le toit', 'nouveau'],
    ]);
    expect(r.p1Total).toBe(2);
  });

  it('takes confirmed facts from their verdict: captured in the period, or confirmed in it', () => {
    const r = buildSituationReport(input(rows, workflow()));
    expect(r.confirmed.map((l) => [l.id, l.at, l.by])).toEqual([
      ['old', H(9), B],
      ['r1', H(10, 30), A],
    ]);
    // A later verdict « démenti » takes the fact back.
    const w = workflow();
    w.apply(entry({ k: 'q', a: B, t: H(11), s: 'r1', check: 'verdict', verdict: 'dementi', note: 'erreur' }) as never);
    expect(buildSituationReport(input(rows, w)).confirmed.map((l) => l.id)).toEqual(['old']);
  });

  it('lists the rumours alive in the period with their verdict, and the forwardings with the COD’s action', () => {
    const r = buildSituationReport(input(rows, workflow()));
    expect(r.rumours).toEqual([{ id: 'rz', claim: 'Le barrage a cédé', verdict: 'fausse', count: 1, lastSeen: H(14), correction: 'Le barrage tient (préfecture).' }]);
    expect(r.forwardings).toHaveLength(1);
    expect(r.forwardings[0]).toMatchObject({
      msg: 'Personnes en danger',
      sightings: [{ id: 'p1b', text: 'Voiture emportée', commune: 'Montauban', priority: 'P1' }],
      ack: { actor: B, at: H(8, 50) },
      action: { action: 'engage_moyens', note: 'SDIS engagé' },
    });
  });

  it('gives the located points of the period for the map, and no relay section without relay data', () => {
    const r = buildSituationReport(input(rows, workflow()));
    expect(r.points).toEqual([{ lat: 44.1, lon: 1.08, category: 'secours', p1: true }]);
    expect(r.relay).toBeNull();
  });

  it('fills the relay section from the relay kit’s data, relays of the period only', () => {
    const relay = {
      platforms: ['x', 'bluesky', 'mastodon', 'facebook'],
      messages: [
        { id: 'm1', title: 'Consigne : ne pas traverser', approvedAt: H(9), relays: [{ platform: 'x', at: H(10), by: A }, { platform: 'facebook', at: H(11), by: B }, { platform: 'x', at: H(12), by: B }, { platform: 'x', at: H(22), by: A }] },
        { id: 'm2', title: 'Appel aux dons', relays: [{ platform: 'x', at: H(2), by: A }] },
      ],
    };
    expect(relaySection(relay, { from: H(8), to: H(20) })).toEqual({
      total: 3,
      messages: [{ id: 'm1', title: 'Consigne : ne pas traverser', approved: true, relays: 3, volunteers: 2, byPlatform: [['x', 2], ['facebook', 1]], missing: ['bluesky', 'mastodon'] }],
    });
    expect(buildSituationReport({ ...input(rows, workflow()), relay }).relay?.total).toBe(3);
  });

  it('reads the relay kit’s state: the current version’s approval, every relay; no message, no section', () => {
    const kit = new RelayKitState();
    const v1 = entry({ k: 'b', a: A, t: H(9), b: 'm1', title: 'Ne pas traverser les gués', text: 'Consigne', ready: true });
    kit.apply(v1 as never);
    kit.apply(entry({ k: 'h', a: B, t: H(9, 10), b: 'm1', v: v1.id, n: 1 }) as never);
    kit.apply(entry({ k: 'd', a: A, t: H(9, 20), b: 'm1', v: v1.id, platform: 'x', url: 'https://x.com/a/status/1' }) as never);
    kit.apply(entry({ k: 'd', a: B, t: H(9, 30), b: 'm1', v: v1.id, platform: 'mastodon', url: 'https://mastodon.social/@b/1' }) as never);
    const input = relayInputFrom(kit.messages());
    expect(input?.messages).toEqual([{ id: 'm1', title: 'Ne pas traverser les gués', approvedAt: H(9, 10), relays: [{ platform: 'x', at: H(9, 20), by: A }, { platform: 'mastodon', at: H(9, 30), by: B }] }]);
    expect(relaySection(input, { from: H(8), to: H(20) })?.messages[0]).toMatchObject({ approved: true, relays: 2, volunteers: 2, missing: ['bluesky', 'facebook'] });
    // Edited after its approval: no longer approved as it stands.
    kit.apply(entry({ k: 'b', a: A, t: H(10), b: 'm1', text: 'Consigne modifiée' }) as never);
    expect(relayInputFrom(kit.messages())?.messages[0]?.approvedAt).toBeUndefined();
    expect(relayInputFrom(new RelayKitState().messages())).toBeNull();
  });

  it('presets end now; a reversed or unreadable period is refused in French', () => {
    expect(presetPeriod('12h', H(20))).toEqual({ from: H(8), to: H(20) });
    expect(presetPeriod('24h', H(20)).from).toBe(H(20) - 24 * 3_600_000);
    expect(presetPeriod('all', H(20)).from).toBe(0);
    expect(periodError({ from: H(10), to: H(9) })).toMatch(/après sa fin/);
    expect(periodError({ from: NaN, to: H(9) })).toMatch(/dates valides/);
    expect(periodError({ from: H(8), to: H(9) })).toBeNull();
    expect(shortText('a'.repeat(300))).toHaveLength(200);
  });

  it('at 10,000 sightings: every one counted once, lists bounded, communes summed past the limit', () => {
    const random = seededRandom(14);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const big: Sighting[] = [];
    for (let i = 0; i < 10_000; i++) {
      const insee = String(82001 + Math.floor(random() * 60));
      big.push(sighting({ id: `b${i}`, createdAt: H(8) + Math.floor(random() * 12 * 3_600_000), priority: pick(PRIORITIES), category: pick(CATEGORIES), status: pick(STATUSES), communeInsee: insee, communeName: `Commune ${insee}`, text: `Remontée ${i}`, lat: 44 + random(), lon: 1 + random() }));
    }
    const r = buildSituationReport(input(big, new WorkflowState()));
    expect(r.total).toBe(10_000);
    expect(r.byStatus.reduce((a, [, c]) => a + c, 0)).toBe(10_000);
    const kept = big.filter((s) => s.status !== 'archive' && s.status !== 'doublon');
    expect(r.byCategory.reduce((a, [, c]) => a + c, 0)).toBe(kept.length);
    expect(r.byCommune).toHaveLength(MAX_COMMUNES);
    expect(r.byCommune.reduce((a, c) => a + c.count, 0) + r.otherCommunes.count).toBe(kept.length);
    expect(r.otherCommunes.communes).toBe(60 - MAX_COMMUNES);
    expect(r.p1Total).toBe(kept.filter((s) => s.priority === 'P1').length);
    expect(r.p1).toHaveLength(Math.min(MAX_LISTED, r.p1Total));
    expect(r.p1.every((l, i) => i === 0 || r.p1[i - 1]!.at <= l.at)).toBe(true);
    expect(r.confirmedTotal).toBe(kept.filter((s) => s.status === 'confirme').length);
    expect(r.points).toHaveLength(kept.length);
  });
});
