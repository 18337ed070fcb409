import { describe, expect, it } from 'vitest';
import { urlKey } from '../../../src-renderer/core/url-key';

describe('clé de lien (doublons)', () => {
  it('x.com ≡ twitter.com ≡ mobile.twitter.com, par identifiant du post, sans s= ni t=', () => {
    const k = urlKey('https://x.com/prefet82/status/1900000000000000001');
    expect(k).toBe('x.com/status/1900000000000000001');
    for (const u of [
      'https://twitter.com/Prefet82/status/1900000000000000001?s=20&t=AbCdEf',
      'http://mobile.twitter.com/Prefet82/status/1900000000000000001/',
      'https://www.x.com/i/web/status/1900000000000000001#reply',
      'https://X.COM/prefet82/status/1900000000000000001?ref_src=twsrc%5Etfw',
    ])
      expect([u, urlKey(u)]).toEqual([u, k]);
  });
  it('m.facebook.com ≡ www.facebook.com, sans fbclid ni utm_*, paramètres triés', () => {
    const k = urlKey('https://www.facebook.com/story.php?story_fbid=123&id=456');
    expect(urlKey('https://m.facebook.com/story.php?id=456&story_fbid=123&fbclid=IwAR0&utm_source=x&utm_medium=y')).toBe(k);
    expect(urlKey('https://facebook.com/story.php?story_fbid=124&id=456')).not.toBe(k);
  });
  it('hôte en minuscules, pas de barre finale, http ≡ https, pas de fragment; le chemin garde sa casse', () => {
    expect(urlKey('HTTP://WWW.Exemple.FR/Actu/Crue/#haut')).toBe('exemple.fr/Actu/Crue');
    expect(urlKey('https://exemple.fr/actu/crue')).not.toBe(urlKey('https://exemple.fr/Actu/Crue'));
    expect(urlKey('https://exemple.fr/')).toBe('exemple.fr');
    expect(urlKey('https://exemple.fr:8443/a')).toBe('exemple.fr:8443/a');
  });
  it('youtu.be ≡ youtube.com/watch, sans si= ni feature=', () => {
    expect(urlKey('https://youtu.be/dQw4w9WgXcQ?si=abc')).toBe('youtube.com/watch?v=dQw4w9WgXcQ');
    expect(urlKey('https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share')).toBe('youtube.com/watch?v=dQw4w9WgXcQ');
    // "t" is kept elsewhere (a video's time), only dropped on x.com.
    expect(urlKey('https://youtube.com/watch?v=a&t=30')).toBe('youtube.com/watch?t=30&v=a');
  });
  it('rien pour ce qui n’est pas un lien http(s)', () => {
    for (const u of ['', 'javascript:alert(1)', 'ftp://a.fr/x', 'exemple.fr/a', '=HYPERLINK("https://a.fr")', 'https://'])
      expect([u, urlKey(u)]).toEqual([u, '']);
  });
});
