import { describe, expect, it } from 'vitest';
import { CrisisState } from '../../../src-renderer/core/crisis-state';
import type { Body, Entry } from '../../../src-renderer/core/records';

// Rules only: entries here are taken as already signature-checked.
const key = (c: string) => c.repeat(43);
const CREATOR = key('A');
const COORD = key('B');
const VEILLEUR = key('C');
const COD = key('D');
const INVITE = key('I');
const STRANGER = key('Z');
let n = 0;
let clock = Date.UTC(2026, 10, 23, 8);
const e = (body: Partial<Body> & { k: Body['k']; a: string }): Entry => ({ id: `e${++n}`, body: { t: ++clock, ...body } as Body });

function crisis() {
  const state = new CrisisState('genesis');
  const accept = (entry: Entry) => {
    const v = state.check(entry);
    if (v.ok) state.apply(entry);
    return v;
  };
  accept({ id: 'genesis', body: { k: 'x', a: CREATOR, t: ++clock, n: 'n'.repeat(16), name: 'Crue', departement: '82', hazard: 'inondation', startedAt: '2026-11-23' } });
  accept(e({ k: 'm', a: CREATOR, m: CREATOR, role: 'coordinateur' }));
  accept(e({ k: 'm', a: CREATOR, m: COORD, role: 'coordinateur' }));
  accept(e({ k: 'm', a: COORD, m: VEILLEUR, role: 'veilleur' }));
  accept(e({ k: 'm', a: CREATOR, m: COD, role: 'cod' }));
  accept(e({ k: 'c', a: VEILLEUR, s: 's1', f: { text: 'Eau' } }));
  return { state, accept };
}

describe('règles des rôles, vérifiées sur chaque copie', () => {
  it('n’accepte la création de crise que si son identifiant est celui de la crise', () => {
    const state = new CrisisState('genesis');
    expect(state.check({ id: 'autre', body: { k: 'x', a: STRANGER, t: clock, n: 'n'.repeat(16), name: 'Fausse', departement: '82', hazard: 'inondation', startedAt: '2026-11-23' } })).toMatchObject({ ok: false });
    expect(state.check(e({ k: 'c', a: CREATOR, s: 's', f: {} }))).toMatchObject({ ok: false, pending: true });
  });
  it('met en attente l’entrée d’un auteur pas encore admis, refuse celle d’un membre retiré', () => {
    const { state, accept } = crisis();
    expect(state.check(e({ k: 'c', a: STRANGER, s: 's2', f: {} }))).toMatchObject({ ok: false, pending: true });
    expect(accept(e({ k: 'r', a: COORD, m: VEILLEUR }))).toEqual({ ok: true });
    expect(state.check(e({ k: 'c', a: VEILLEUR, s: 's3', f: {} }))).toMatchObject({ ok: false, reason: 'membre retiré de la crise' });
  });
  it('refuse qu’un veilleur s’élève, admette, retire ou transmette au COD', () => {
    const { state } = crisis();
    expect(state.check(e({ k: 'm', a: VEILLEUR, m: VEILLEUR, role: 'cod' }))).toMatchObject({ ok: false });
    expect(state.check(e({ k: 'm', a: VEILLEUR, m: STRANGER, role: 'veilleur' }))).toMatchObject({ ok: false });
    expect(state.check(e({ k: 'r', a: VEILLEUR, m: COORD }))).toMatchObject({ ok: false });
    expect(state.check(e({ k: 'e', a: VEILLEUR, s: 's1', f: { status: 'transmis' }, p: { status: 'nouveau' } }))).toMatchObject({ ok: false });
    expect(state.check(e({ k: 'e', a: VEILLEUR, s: 's1', f: { status: 'en_verification' }, p: { status: 'nouveau' } }))).toEqual({ ok: true });
    expect(state.check(e({ k: 'e', a: COORD, s: 's1', f: { status: 'transmis' }, p: { status: 'nouveau' } }))).toEqual({ ok: true });
  });
  it('réserve le rôle COD au COD et au créateur', () => {
    const { state } = crisis();
    expect(state.check(e({ k: 'm', a: COORD, m: STRANGER, role: 'cod' }))).toMatchObject({ ok: false, reason: 'seul le COD peut donner le rôle COD' });
    expect(state.check(e({ k: 'm', a: COD, m: STRANGER, role: 'cod' }))).toEqual({ ok: true });
    expect(state.check(e({ k: 'r', a: COORD, m: COD }))).toMatchObject({ ok: false });
  });
  it('refuse un passage de statut interdit, quel que soit le client', () => {
    const { state } = crisis();
    expect(state.check(e({ k: 'e', a: COORD, s: 's1', f: { status: 'traite' }, p: { status: 'nouveau' } }))).toMatchObject({ ok: false });
    expect(state.check(e({ k: 'e', a: COORD, s: 's1', f: { status: 'traite' }, p: {} }))).toMatchObject({ ok: false });
  });
  it('admet par invitation avec le rôle de l’invitation, et plus après sa révocation', () => {
    const { state, accept } = crisis();
    const joiner = key('J');
    expect(state.check(e({ k: 'p', a: joiner, name: 'Jo', organisation: '', i: INVITE, w: 'w'.repeat(86) }))).toMatchObject({ pending: true });
    accept(e({ k: 'm', a: COORD, m: INVITE, role: 'veilleur', label: 'Jo' }));
    expect(accept(e({ k: 'p', a: joiner, name: 'Jo', organisation: 'VISOV', i: INVITE, w: 'w'.repeat(86) }))).toEqual({ ok: true });
    expect(state.member(joiner)).toMatchObject({ name: 'Jo', role: 'veilleur', admittedBy: COORD, via: INVITE });
    accept(e({ k: 'r', a: COORD, m: INVITE }));
    expect(state.check(e({ k: 'p', a: key('K'), name: 'Ko', organisation: '', i: INVITE, w: 'w'.repeat(86) }))).toMatchObject({ ok: false, reason: 'invitation révoquée' });
  });
  it('ne laisse libérer la prise en charge d’un autre qu’à un coordinateur ou au COD', () => {
    const { state, accept } = crisis();
    const newcomer = key('V');
    accept(e({ k: 'm', a: COORD, m: newcomer, role: 'veilleur' }));
    const t0 = clock + 10;
    accept({ id: 'claim1', body: { k: 'k', a: VEILLEUR, t: t0, s: 's1', u: t0 + 10 * 60_000 } });
    accept({ id: 'rel1', body: { k: 'k', a: newcomer, t: t0 + 1, s: 's1', u: t0 + 1 } });
    expect(state.claimOf('s1', t0 + 2)?.actor).toBe(VEILLEUR);
    accept({ id: 'rel2', body: { k: 'k', a: COD, t: t0 + 3, s: 's1', u: t0 + 3 } });
    expect(state.claimOf('s1', t0 + 4)).toBeUndefined();
  });
});

describe('publication', () => {
  it('réserve la carte publique aux coordinateurs et au COD, pas les exports restreints', () => {
    const { state } = crisis();
    const out = (a: string, scope: 'public' | 'restricted') => state.check(e({ k: 'o', a, format: 'html', scope, count: 3, sha256: 'a'.repeat(64) }));
    expect(out(VEILLEUR, 'public')).toMatchObject({ ok: false });
    expect(out(VEILLEUR, 'restricted')).toEqual({ ok: true });
    expect(out(COORD, 'public')).toEqual({ ok: true });
  });
});
