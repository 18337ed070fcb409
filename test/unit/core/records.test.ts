import { describe, expect, it } from 'vitest';
import { parseBody, MAX_ENTRY_CHARS } from '../../../src-renderer/core/records';

const A = 'A'.repeat(43);
const t = Date.UTC(2026, 10, 23, 14);
const ok = (v: unknown) => parseBody(JSON.stringify(v));

describe('entrées reçues d’un pair', () => {
  it('accepte une entrée saine et laisse tomber les clés inconnues', () => {
    const r = ok({ k: 'c', a: A, t, s: 'abc', f: { text: 'Crue', evil: '<script>' }, extra: 1 });
    expect(r).toEqual({ ok: true, body: { k: 'c', a: A, t, s: 'abc', f: { text: 'Crue' } } });
  });
  it.each([
    ['une heure hors de toute plage (1e300)', { k: 'c', a: A, t: 1e300, s: 'abc', f: {} }],
    ['une heure négative', { k: 'c', a: A, t: -1, s: 'abc', f: {} }],
    ['un auteur qui n’est pas une clé', { k: 'c', a: 'alice', t, s: 'abc', f: {} }],
    ['un nom de membre qui est un objet', { k: 'p', a: A, t, name: { $$typeof: 'react' }, organisation: '' }],
    ['une latitude sans longitude', { k: 'c', a: A, t, s: 'abc', f: { lat: 44.1 } }],
    ['une latitude avec une longitude nulle', { k: 'e', a: A, t, s: 'abc', f: { lat: 44.1, lon: null }, p: {} }],
    ['une valeur invalide', { k: 'e', a: A, t, s: 'abc', f: { priority: 'P0' }, p: {} }],
    ['un lien javascript:', { k: 'e', a: A, t, s: 'abc', f: { url: 'javascript:alert(1)' }, p: {} }],
    ['une valeur « avant » sans « après »', { k: 'e', a: A, t, s: 'abc', f: { text: 'x' }, p: { priority: 'P1' } }],
    ['une modification vide', { k: 'e', a: A, t, s: 'abc', f: {}, p: {} }],
    ['une prise en charge pour toujours', { k: 'k', a: A, t, s: 'abc', u: t + 365 * 86_400_000 }],
    ['un rôle inventé', { k: 'm', a: A, t, m: A, role: 'prefet' }],
    ['une liaison d’invitation incomplète', { k: 'p', a: A, t, name: 'Eve', organisation: '', i: A }],
    ['un type inconnu', { k: 'z', a: A, t }],
  ])('refuse %s', (_what, body) => {
    const r = ok(body);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toMatch(/\S/);
  });
  it('refuse un texte illisible ou trop long sans le lire', () => {
    expect(parseBody('{')).toEqual({ ok: false, reason: 'entrée illisible' });
    expect(parseBody('x'.repeat(MAX_ENTRY_CHARS + 1))).toEqual({ ok: false, reason: 'entrée trop volumineuse' });
    expect(parseBody('null').ok).toBe(false);
  });
});

describe('entrées du travail de la cellule', () => {
  const a = 'A'.repeat(43);
  const t = 1_790_000_000_000;
  it('refuse un verdict sans vérification, un lien non http, une transmission vide ou une action inconnue', () => {
    expect(ok({ k: 'q', a, t, s: 's1', check: 'verdict', verdict: 'confirme' }).ok).toBe(true);
    expect(ok({ k: 'q', a, t, s: 's1', check: 'verdict' }).ok).toBe(false);
    expect(ok({ k: 'q', a, t, s: 's1', check: 'source', verdict: 'confirme' }).ok).toBe(false);
    expect(ok({ k: 'q', a, t, s: 's1', check: 'autres_sources', links: ['javascript:alert(1)'] }).ok).toBe(false);
    expect(ok({ k: 'f', a, t, s: [], msg: '' }).ok).toBe(false);
    expect(ok({ k: 'f', a, t, s: ['s1'], msg: 'x'.repeat(2001) }).ok).toBe(false);
    expect(ok({ k: 'y', a, t, f: 'abc', action: 'bombarder' }).ok).toBe(false);
    expect(ok({ k: 'z', a, t, z: 'r1', claim: '  ' }).ok).toBe(false);
    expect(ok({ k: 'z', a, t, z: 'r1', link: 'data:text/html,<b>' }).ok).toBe(false);
    expect(ok({ k: 'z', a, t, z: 'r1', verdict: 'fausse', add: ['s1'] }).ok).toBe(true);
  });
});
