// The main courante: free `l` entries validated and checked like every record, automatic lines
// derived from the other records, the same log whatever the arrival order, corrections append-only.
import { describe, expect, it } from 'vitest';
import { CrisisState } from '../../../src-renderer/core/crisis-state';
import { filterLog, lineOf, MainCourante } from '../../../src-renderer/core/main-courante';
import { MAX_LOG_TEXT } from '../../../src-renderer/core/main-courante-entry';
import { entryText, parseBody, type Body, type Entry } from '../../../src-renderer/core/records';

const key = (c: string) => c.repeat(43);
const CREATOR = key('A');
const VEILLEUR = key('C');
const COD = key('D');
const STRANGER = key('Z');
const T0 = Date.UTC(2026, 10, 23, 8);

let n = 0;
const e = (body: Record<string, unknown>): Entry => ({ id: `e${String(++n).padStart(4, '0')}`, body: body as unknown as Body });

describe('entrée de main courante (k = l) : validation', () => {
  const ok = { k: 'l', a: COD, t: T0, type: 'decision', text: 'Ouverture du gymnase de Moissac' };
  it('accepte une entrée libre et une correction, texte nettoyé', () => {
    const r = parseBody(entryText({ ...ok, text: '  Ouverture du gymnase  ' }));
    expect(r).toMatchObject({ ok: true, body: { k: 'l', type: 'decision', text: 'Ouverture du gymnase' } });
    expect(parseBody(entryText({ ...ok, fix: 'abcDEF_-12' }))).toMatchObject({ ok: true, body: { fix: 'abcDEF_-12' } });
  });
  it('refuse un type inconnu, un texte vide ou trop long, une référence mal formée, un champ manquant', () => {
    expect(parseBody(entryText({ ...ok, type: 'rumeur' }))).toMatchObject({ ok: false });
    expect(parseBody(entryText({ ...ok, text: '   ' }))).toMatchObject({ ok: false });
    expect(parseBody(entryText({ ...ok, text: 'x'.repeat(MAX_LOG_TEXT + 1) }))).toMatchObject({ ok: false });
    expect(parseBody(entryText({ ...ok, fix: '../x' }))).toMatchObject({ ok: false });
    expect(parseBody(entryText({ ...ok, text: undefined }))).toMatchObject({ ok: false });
    expect(parseBody(entryText({ ...ok, text: { toString: 1 } }))).toMatchObject({ ok: false });
  });
});

describe('entrée de main courante : règles', () => {
  function crisis() {
    n = 0;
    const state = new CrisisState('genesis');
    let clock = T0;
    const accept = (body: Record<string, unknown>) => {
      const entry = e({ t: ++clock, ...body });
      const v = state.check(entry);
      if (v.ok) state.apply(entry);
      return v;
    };
    state.apply({ id: 'genesis', body: { k: 'x', a: CREATOR, t: ++clock, n: 'n'.repeat(16), name: 'Crue', departement: '82', hazard: 'inondation', startedAt: '2026-11-23' } });
    accept({ k: 'm', a: CREATOR, m: CREATOR, role: 'coordinateur' });
    accept({ k: 'm', a: CREATOR, m: VEILLEUR, role: 'veilleur' });
    accept({ k: 'm', a: CREATOR, m: COD, role: 'cod' });
    return { state, accept };
  }
  it('tout membre qui écrit peut ajouter une entrée ; un inconnu attend, un membre retiré est refusé', () => {
    const { state, accept } = crisis();
    expect(accept({ k: 'l', a: COD, type: 'decision', text: 'Évacuation du quartier du Port' })).toEqual({ ok: true });
    expect(accept({ k: 'l', a: VEILLEUR, type: 'information', text: 'Eau à 50 cm rue Malaveille' })).toEqual({ ok: true });
    expect(accept({ k: 'l', a: STRANGER, type: 'information', text: 'faux' })).toMatchObject({ ok: false, pending: true });
    accept({ k: 'r', a: CREATOR, m: VEILLEUR });
    expect(accept({ k: 'l', a: VEILLEUR, type: 'information', text: 'après retrait' })).toEqual({ ok: false, reason: 'membre retiré de la crise' });
    const free = state.log.lines().filter((l) => l.kind === 'l');
    expect(free.map((l) => l.text)).toEqual(['Évacuation du quartier du Port', 'Eau à 50 cm rue Malaveille']);
  });
});

/** A crisis's worth of records, in author-time order. */
function record(): Entry[] {
  n = 0;
  return [
    e({ k: 'x', a: CREATOR, t: T0, n: 'n'.repeat(16), name: 'Crue du Tarn', departement: '82', hazard: 'inondation', startedAt: '2026-11-23' }),
    e({ k: 'm', a: CREATOR, t: T0 + 1, m: CREATOR, role: 'coordinateur' }),
    e({ k: 'm', a: CREATOR, t: T0 + 2, m: COD, role: 'cod', label: 'Bruno' }),
    e({ k: 'c', a: VEILLEUR, t: T0 + 3, s: 's1', f: { text: 'Toit' } }),
    e({ k: 'q', a: VEILLEUR, t: T0 + 4, s: 's1', check: 'source', ok: true }),
    e({ k: 'q', a: VEILLEUR, t: T0 + 5, s: 's1', check: 'verdict', verdict: 'confirme', note: 'vu' }),
    e({ k: 'f', a: CREATOR, t: T0 + 6, s: ['s1'], msg: 'urgent' }),
    e({ k: 'y', a: COD, t: T0 + 7, f: 'e0007' }),
    e({ k: 'y', a: COD, t: T0 + 8, f: 'e0007', action: 'transmis_sdis', note: 'SDIS 82' }),
    e({ k: 'l', a: COD, t: T0 + 8, type: 'decision', text: 'Ouverture du gymnase' }),
    e({ k: 'l', a: COD, t: T0 + 9, type: 'decision', text: 'Ouverture du gymnaze', fix: 'e0010' }),
    e({ k: 'l', a: CREATOR, t: T0 + 10, type: 'information', text: 'Ouverture du gymnase de Moissac', fix: 'e0011' }),
    e({ k: 'z', a: VEILLEUR, t: T0 + 11, z: 'r1', claim: 'Le barrage a cédé' }),
    e({ k: 'z', a: VEILLEUR, t: T0 + 12, z: 'r1', verdict: 'vraie' }),
    e({ k: 'z', a: CREATOR, t: T0 + 13, z: 'r1', verdict: 'fausse' }),
    e({ k: 'o', a: CREATOR, t: T0 + 14, format: 'geojson', scope: 'public', count: 1, sha256: '0'.repeat(64) }),
    e({ k: 'u', a: CREATOR, t: T0 + 15, name: 'Crue du Tarn (2)', departement: '82', hazard: 'inondation', startedAt: '2026-11-23' }),
    e({ k: 'u', a: COD, t: T0 + 16, name: 'Crue du Tarn (2)', departement: '82', hazard: 'inondation', startedAt: '2026-11-23', closed: true }),
    e({ k: 'r', a: CREATOR, t: T0 + 17, m: VEILLEUR }),
    e({ k: 'v', a: CREATOR, t: T0 + 18, e: 1, w: {} }),
    // The same time as a line above: the id decides.
    e({ k: 'l', a: VEILLEUR, t: T0 + 8, type: 'evenement', text: 'Même minute' }),
    e({ k: 'h', a: COD, t: T0 + 19, b: 'msg1', v: 'e0001', n: 1 }),
  ];
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const snapshot = (log: MainCourante) => ({
  lines: log.lines().map((l) => ({ ...l })),
  fixesOf10: log.correctionsOf('e0010').map((l) => l.id),
  current10: log.current('e0010')?.id,
});

describe('main courante dérivée du registre', () => {
  it('ajoute les lignes automatiques, une par acte signé, rien pour les remontées, profils et exports', () => {
    const log = new MainCourante();
    for (const x of record()) log.apply(x);
    const lines = log.lines();
    expect(lines.map((l) => `${l.kind}:${l.type}:${l.fact?.what ?? l.text}`)).toEqual([
      'x:evenement:created',
      'm:evenement:admit',
      'm:evenement:admit',
      'q:information:verdict',
      'f:demande:forward',
      'y:information:ack',
      'y:decision:ack',
      'l:decision:Ouverture du gymnase',
      'l:evenement:Même minute',
      'l:decision:Ouverture du gymnaze',
      'l:information:Ouverture du gymnase de Moissac',
      'z:information:rumour',
      'u:decision:closed',
      'r:evenement:remove',
      'v:evenement:rekey',
      'h:decision:relayApproved',
    ]);
    expect(lines.find((l) => l.kind === 'y' && l.type === 'decision')?.fact).toEqual({ what: 'ack', forwarding: 'e0007', action: 'transmis_sdis', note: 'SDIS 82' });
    expect(lines.find((l) => l.kind === 'z')?.fact).toEqual({ what: 'rumour', rumour: 'r1', verdict: 'fausse' });
    expect(lines.every((l) => l.author && l.at >= T0)).toBe(true);
    // An entry that makes no line, and an entry seen twice, change nothing.
    expect(lineOf(record()[3]!)).toBeNull();
    const size = log.size;
    expect(log.apply(record()[9]!)).toBe(false);
    expect(log.size).toBe(size);
    // A purge's certificates: its first part makes the line, the others none.
    const part = (n: number) => ({ id: `s${n}`, body: { k: 's' as const, a: 'coord', t: T0 + 99, e: 3, until: '2027-01-01T00:00:00.000Z', all: false, x: n ? [] : ['s1', 's2'], h: {}, n, of: 2 } });
    expect(lineOf(part(0))).toMatchObject({ kind: 's', type: 'decision', fact: { what: 'purge', until: '2027-01-01T00:00:00.000Z', texts: 2 } });
    expect(lineOf(part(1))).toBeNull();
  });

  it('donne la même main courante dans n’importe quel ordre d’arrivée (heure, puis identifiant)', () => {
    const reference = new MainCourante();
    for (const x of record()) reference.apply(x);
    const ids = reference.lines().map((l) => l.id);
    expect(ids).toEqual([...ids].sort((x, y) => reference.get(x)!.at - reference.get(y)!.at || (x < y ? -1 : 1)));
    for (let seed = 1; seed <= 40; seed++) {
      const log = new MainCourante();
      for (const x of shuffled(record(), seed)) log.apply(x);
      expect(snapshot(log)).toEqual(snapshot(reference));
    }
  });

  it('une correction ne retire rien : l’ancienne reste, marquée corrigée, la chaîne mène à la version en vigueur', () => {
    const log = new MainCourante();
    for (const x of record()) log.apply(x);
    expect(log.get('e0010')?.text).toBe('Ouverture du gymnase');
    expect(log.correctionsOf('e0010').map((l) => l.id)).toEqual(['e0011']);
    expect(log.correctionsOf('e0011').map((l) => l.id)).toEqual(['e0012']);
    expect(log.current('e0010')).toMatchObject({ id: 'e0012', text: 'Ouverture du gymnase de Moissac', author: CREATOR });
    expect(log.current('e0012')?.id).toBe('e0012');
    // An automatic line is never shown as corrected, even if a free line names it.
    log.apply(e({ k: 'l', a: COD, t: T0 + 30, type: 'information', text: 'corrige une ligne automatique', fix: 'e0007' }));
    expect(log.correctionsOf('e0007')).toEqual([]);
    // A correction arriving before the line it corrects is linked once both are there.
    const late = new MainCourante();
    late.apply(e({ k: 'l', a: COD, t: T0 + 2, type: 'decision', text: 'v2', fix: 'later' }));
    expect(late.correctionsOf('later')).toEqual([]);
    late.apply({ id: 'later', body: { k: 'l', a: COD, t: T0 + 1, type: 'decision', text: 'v1' } as Body });
    expect(late.current('later')?.text).toBe('v2');
  });

  it('filtre par type, auteur et période', () => {
    const log = new MainCourante();
    for (const x of record()) log.apply(x);
    const lines = log.lines();
    expect(filterLog(lines, { types: ['demande'] }).map((l) => l.kind)).toEqual(['f']);
    expect(filterLog(lines, { author: COD }).map((l) => l.kind)).toEqual(['y', 'y', 'l', 'l', 'u', 'h']);
    expect(filterLog(lines, { from: T0 + 8, to: T0 + 9 }).map((l) => l.id)).toEqual(['e0009', 'e0010', 'e0021', 'e0011']);
    expect(filterLog(lines, { types: ['decision'], author: CREATOR })).toEqual([]);
    expect(filterLog(lines, {})).toHaveLength(lines.length);
  });
});
