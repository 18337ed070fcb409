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
  it('fxtwitter, vxtwitter, fixupx : le même post X', () => {
    const k = urlKey('https://x.com/Prefet82/status/1900000000000000001');
    for (const u of ['https://fxtwitter.com/Prefet82/status/1900000000000000001', 'https://vxtwitter.com/prefet82/status/1900000000000000001/photo/1', 'https://fixupx.com/i/status/1900000000000000001?s=46'])
      expect([u, urlKey(u)]).toEqual([u, k]);
  });
  it('Facebook : mbasic, touch, web, le lien sortant l.facebook.com, permalink.php ≡ story.php', () => {
    const k = urlKey('https://www.facebook.com/story.php?story_fbid=123&id=456');
    for (const u of [
      'https://mbasic.facebook.com/story.php?story_fbid=123&id=456&refid=8',
      'https://touch.facebook.com/permalink.php?story_fbid=123&id=456&__tn__=C',
      'https://web.facebook.com/story.php?story_fbid=123&id=456&_rdr',
      'https://l.facebook.com/l.php?u=https%3A%2F%2Fm.facebook.com%2Fstory.php%3Fstory_fbid%3D123%26id%3D456&h=AT0x',
    ])
      expect([u, urlKey(u)]).toEqual([u, k]);
    expect(urlKey('https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.ladepeche.fr%2Fcrue.html%3Fxtor%3DRSS-1')).toBe('ladepeche.fr/crue.html');
  });
  it('Instagram reel ≡ p, YouTube shorts ≡ watch; xtor et at_* des sites de presse', () => {
    expect(urlKey('https://www.instagram.com/reel/C9abc_-1/?igsh=xyz')).toBe('instagram.com/p/C9abc_-1');
    expect(urlKey('https://instagram.com/moissac82/p/C9abc_-1')).toBe('instagram.com/p/C9abc_-1');
    expect(urlKey('https://youtube.com/shorts/dQw4w9WgXcQ?feature=share')).toBe('youtube.com/watch?v=dQw4w9WgXcQ');
    expect(urlKey('https://www.lemonde.fr/a.html?xtor=RSS-3208&at_medium=social')).toBe('lemonde.fr/a.html');
  });
  it('rien pour ce qui n’est pas un lien http(s)', () => {
    for (const u of ['', 'javascript:alert(1)', 'ftp://a.fr/x', 'exemple.fr/a', '=HYPERLINK("https://a.fr")', 'https://'])
      expect([u, urlKey(u)]).toEqual([u, '']);
  });
});
