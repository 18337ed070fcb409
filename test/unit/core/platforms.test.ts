import { describe, expect, it } from 'vitest';
import { recogniseLink } from '../../../src-renderer/core/platforms';

describe('reconnaissance du lien collé', () => {
  it.each([
    ['https://x.com/VigiCrues/status/1720000000000000000', 'x', '@VigiCrues'],
    ['https://twitter.com/prefet82/status/12', 'x', '@prefet82'],
    ['https://www.facebook.com/MairieDeMoissac/posts/123', 'facebook', '@MairieDeMoissac'],
    ['https://www.instagram.com/p/Cxyz/', 'instagram', ''],
    ['https://youtu.be/abc', 'youtube', ''],
    ['https://www.youtube.com/@meteofrance/videos', 'youtube', '@meteofrance'],
    ['https://www.tiktok.com/@jean.dupont/video/123', 'tiktok', '@jean.dupont'],
    ['https://bsky.app/profile/sdis82.bsky.social/post/3k', 'bluesky', '@sdis82.bsky.social'],
    ['https://t.me/infos_crue/456', 'telegram', '@infos_crue'],
    ['https://piaille.fr/@meteo/111', 'mastodon', '@meteo'],
    ['https://une-instance.example/@alice/109876543210', 'mastodon', '@alice'],
    ['https://www.ladepeche.fr/2023/article.html', 'web', ''],
  ])('%s → %s %s', (url, platform, handle) => {
    expect(recogniseLink(url)).toEqual({ platform, authorHandle: handle });
  });
  it('ne reconnaît pas ce qui n’est pas un lien http(s)', () => {
    expect(recogniseLink('Rue inondée à Moissac')).toBeNull();
    expect(recogniseLink('javascript:alert(1)')).toBeNull();
  });
});
