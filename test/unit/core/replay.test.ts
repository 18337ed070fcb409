// The replay (retour d'expérience): the crisis at time T from a hand-built record — creations, edits,
// status moves, an archive, a verdict, a forwarding and its acknowledgement, a member admitted later.
import { describe, expect, it } from 'vitest';
import { CrisisState } from '../../../src-renderer/core/crisis-state';
import type { Body, Entry } from '../../../src-renderer/core/records';
import { Replay } from '../../../src-renderer/core/replay';

const A = 'A'.repeat(43);
const B = 'B'.repeat(43);
const M = (h: number, m = 0) => Date.UTC(2026, 10, 27, h, m);
const e = (id: string, body: Record<string, unknown>): Entry => ({ id, body: body as unknown as Body });

/** The record, in an arrival order that is not the author-time order (a volunteer synced late). */
const RECORD: Entry[] = [
  e('x', { k: 'x', a: A, t: M(8), n: 'abcdefghijklmnop', name: 'Crue du Tarn', departement: '82', hazard: 'inondation', startedAt: '2026-11-27T08:00:00.000Z' }),
  e('m1', { k: 'm', a: A, t: M(8, 1), m: A, role: 'coordinateur' }),
  e('c1', { k: 'c', a: A, t: M(9), s: 's1', f: { text: 'Eau rue du Port', priority: 'P2' } }),
  e('c2', { k: 'c', a: A, t: M(9, 30), s: 's2', f: { text: 'Toit effondré', priority: 'P1' } }),
  // Synced at 15:00, written at 11:00: the replay shows it at 11:00.
  e('e3', { k: 'e', a: B, t: M(11), s: 's1', f: { text: 'Eau rue du Port, 1 m' }, p: { text: 'Eau rue du Port' } }),
  e('m2', { k: 'm', a: A, t: M(10), m: B, role: 'veilleur' }),
  e('e1', { k: 'e', a: A, t: M(10, 15), s: 's1', f: { status: 'en_verification' }, p: { status: 'nouveau' } }),
  e('q1', { k: 'q', a: A, t: M(12), s: 's1', check: 'verdict', verdict: 'confirme' }),
  e('e2', { k: 'e', a: A, t: M(12), s: 's1', f: { status: 'confirme', priority: 'P1' }, p: { status: 'en_verification', priority: 'P2' } }),
  e('f1', { k: 'f', a: A, t: M(13), s: ['s1'], msg: 'Personnes isolées' }),
  e('y1', { k: 'y', a: A, t: M(13, 30), f: 'f1', action: 'engage_moyens' }),
  e('ar', { k: 'e', a: A, t: M(14), s: 's2', f: { status: 'archive' }, p: { status: 'nouveau' } }),
];

describe('relecture : l’état de la crise à un instant', () => {
  it('montre ce qui était écrit à chaque heure : valeurs avant une modification, statuts, archive, transmission', () => {
    const r = new Replay('crise', RECORD);
    expect([r.start, r.end]).toEqual([M(8), M(14)]);

    let s = r.seek(M(9, 45));
    expect(s.rows.get('s1')).toMatchObject({ text: 'Eau rue du Port', status: 'nouveau', priority: 'P2' });
    expect(s.rows.get('s2')).toMatchObject({ status: 'nouveau' });
    expect(s.member(B)).toBeUndefined();

    s = r.seek(M(10, 30));
    expect(s.rows.get('s1')).toMatchObject({ text: 'Eau rue du Port', status: 'en_verification' });
    expect(s.member(B)?.role).toBe('veilleur');

    s = r.seek(M(11));
    expect(s.rows.get('s1')?.text).toBe('Eau rue du Port, 1 m');
    expect(s.workflow.verificationOf('s1').get('verdict')).toBeUndefined();

    s = r.seek(M(12, 59));
    expect(s.rows.get('s1')).toMatchObject({ status: 'confirme', priority: 'P1' });
    expect(s.workflow.verificationOf('s1').get('verdict')?.verdict).toBe('confirme');
    expect(s.workflow.forwardings.size).toBe(0);

    s = r.seek(M(13, 15));
    expect(s.workflow.forwardings.get('f1')?.ack).toBeUndefined();
    s = r.seek(M(13, 30));
    expect(s.workflow.forwardings.get('f1')).toMatchObject({ ack: { actor: A, at: M(13, 30) }, action: { action: 'engage_moyens' } });
    expect(s.rows.get('s2')?.status).toBe('nouveau');

    s = r.seek(M(14));
    expect(s.rows.get('s2')?.status).toBe('archive');
    expect(r.rebuilds).toBe(0);
  });

  it('going back rebuilds and gives the same state as a replay made straight to that time', () => {
    const r = new Replay('crise', RECORD);
    r.seek(M(14));
    const back = r.seek(M(10, 30));
    expect(r.rebuilds).toBe(1);
    const straight = new Replay('crise', RECORD).seek(M(10, 30));
    expect([...back.rows.values()]).toEqual([...straight.rows.values()]);
    expect(back.rows.get('s1')?.text).toBe('Eau rue du Port');
    expect(r.count).toBe(RECORD.filter((x) => x.body.t <= M(10, 30)).length);
  });

  it('at the end, the replay equals the crisis as every copy holds it', () => {
    const live = new CrisisState('crise');
    for (const x of RECORD) live.apply(x);
    const replayed = new Replay('crise', RECORD).seek(M(14));
    expect([...replayed.rows.entries()].sort()).toEqual([...live.rows.entries()].sort());
    expect(replayed.workflow.forwardings.get('f1')).toEqual(live.workflow.forwardings.get('f1'));
    // Before anything: nothing.
    expect(new Replay('crise', RECORD).seek(M(7)).rows.size).toBe(0);
  });

  it('moving forward at 10,000 sightings applies each entry once and matches a straight replay', () => {
    const entries: Entry[] = [RECORD[0]!, RECORD[1]!];
    for (let i = 0; i < 10_000; i++) {
      entries.push(e(`c${i}`, { k: 'c', a: A, t: M(9) + i * 1000, s: `n${i}`, f: { text: `Remontée ${i}` } }));
      if (i % 3 === 0) entries.push(e(`e${i}`, { k: 'e', a: A, t: M(9) + i * 1000 + 500, s: `n${i}`, f: { priority: 'P1' }, p: { priority: 'P3' } }));
    }
    const r = new Replay('crise', entries);
    let state = r.seek(r.start);
    for (let t = r.start; t <= r.end; t += 600_000) state = r.seek(t);
    state = r.seek(r.end);
    expect(r.rebuilds).toBe(0);
    expect(state.rows.size).toBe(10_000);
    expect([...state.rows.values()].filter((s) => s.priority === 'P1')).toHaveLength(3334);
    // n4998 is created, its edit (half a second later) not yet.
    const mid = M(9) + 4998 * 1000 + 250;
    const back = r.seek(mid);
    expect(back.rows.size).toBe(4999);
    expect(back.rows.get('n4998')?.priority).toBe('P3');
    expect(back.rows.get('n4998')?.priority).toBe(new Replay('crise', entries).seek(mid).rows.get('n4998')?.priority);
  });
});
