import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELDS, duplicateLinkErrors, isValidField, validateFields } from '../../../src-renderer/core/sighting';
import { isSafeHttpUrl } from '../../../src-renderer/core/links';

describe('validation d’une remontée', () => {
  it('accepte une remontée complète', () => {
    const ok = { ...DEFAULT_FIELDS, url: 'https://x.com/meteo/status/1', text: 'Crue', communeInsee: '82112', departement: '82', lat: 44.1, lon: 1.08, category: 'alea' as const };
    expect(validateFields(ok)).toEqual([]);
  });
  it('refuse un lien javascript: avec un message en français', () => {
    const errors = validateFields({ ...DEFAULT_FIELDS, url: 'javascript:alert(1)' });
    expect(errors).toEqual([{ field: 'url', message: 'lien invalide : seuls les liens http(s) sont acceptés' }]);
  });
  it('refuse une catégorie, un département ou un code INSEE inconnus', () => {
    const errors = validateFields({ ...DEFAULT_FIELDS, category: 'zombie' as never, departement: '99', communeInsee: 'abc' });
    expect(errors.map((e) => e.field).sort()).toEqual(['category', 'communeInsee', 'departement']);
    expect(errors.find((e) => e.field === 'departement')!.message).toBe('département inconnu');
  });
  it('exige latitude et longitude ensemble, un original pour un doublon, un titre pour le public', () => {
    expect(validateFields({ ...DEFAULT_FIELDS, lat: 44 })[0].message).toMatch(/latitude et longitude/);
    expect(validateFields({ ...DEFAULT_FIELDS, status: 'doublon' })[0].field).toBe('duplicateOf');
    expect(validateFields({ ...DEFAULT_FIELDS, isPublic: true })[0].field).toBe('publicTitle');
    expect(validateFields({ ...DEFAULT_FIELDS, duplicateOf: 'abc', status: 'doublon' }, 'abc')[0].message).toMatch(/propre doublon/);
  });
  it('valide champ par champ (entrées venues d’un pair)', () => {
    expect(isValidField('priority', 'P1')).toBe(true);
    expect(isValidField('priority', 'P9')).toBe(false);
    expect(isValidField('lat', 200)).toBe(false);
    expect(isValidField('mediaUrls', ['https://a.fr/x.jpg'])).toBe(true);
    expect(isValidField('mediaUrls', ['file:///etc/passwd'])).toBe(false);
  });
  it('n’accepte comme lien sûr que http(s) sans identifiants', () => {
    for (const good of ['https://www.facebook.com/x', 'HTTP://X.COM/a/b?c=1#d', 'https://x.com', 'https://a.fr:8443/p', 'https://a.fr/@user/1', 'https://a.fr/chemin avec espace'])
      expect(isSafeHttpUrl(good)).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,hi', 'file:///c:/x', 'https://u:p@evil.fr', 'https://u@evil.fr/', 'vigie://join', 'pas un lien', 'http://[::1', 'https://a.fr:99999/', 'x'.repeat(3000)])
      expect(isSafeHttpUrl(bad)).toBe(false);
  });
});

describe('lien de doublon', () => {
  // a ← b ← c : b doublon de a, c doublon de b; d seule.
  const rows = new Map(Object.entries({ a: { duplicateOf: '' }, b: { duplicateOf: 'a' }, c: { duplicateOf: 'b' }, d: { duplicateOf: '' } }));
  const get = (id: string) => rows.get(id);
  it('nomme une remontée de la crise, pas elle-même, sans boucle', () => {
    expect(duplicateLinkErrors(get, 'd', 'a')).toEqual([]);
    expect(duplicateLinkErrors(get, 'd', 'c')).toEqual([]);
    expect(duplicateLinkErrors(get, 'd', '')).toEqual([]);
    expect(duplicateLinkErrors(get, 'd', 'd')[0]?.message).toMatch(/propre doublon/);
    expect(duplicateLinkErrors(get, 'd', 'zzz')[0]?.message).toMatch(/n’existe pas/);
    expect(duplicateLinkErrors(get, 'a', 'c')[0]?.message).toMatch(/boucle/);
    expect(duplicateLinkErrors(get, 'a', 'b')[0]?.message).toMatch(/boucle/);
  });
});
