// The relay kit's record: message, approval and relay entries (schemas and rules), the state every
// copy derives from them whatever their arrival order, and the per-platform character counts.
import { describe, expect, it } from 'vitest';
import { CrisisState } from '../../../src-renderer/core/crisis-state';
import { parseBody, type Body, type Entry } from '../../../src-renderer/core/records';
import { composePost } from '../../../src-renderer/core/relay-kit';
import { countFor, graphemes } from '../../../src-renderer/core/relay-counts';
import { coverageOf, RelayKitState, stillToRelay } from '../../../src-renderer/core/relay-kit-state';

const key = (c: string) => c.repeat(43);
const CREATOR = key('A');
const COORD = key('B');
const VEILLEUR = key('C');
const COD = key('D');
const VEILLEUR2 = key('E');
const T0 = Date.UTC(2026, 10, 23, 8);
let n = 0;
const e = (body: Record<string, unknown>): Entry => ({ id: `e${String(++n).padStart(4, '0')}`, body: { t: T0 + n * 1000, ...body } as unknown as Body });

function crisis() {
  n = 0;
  const state = new CrisisState('genesis');
  const accept = (entry: Entry) => {
    const v = state.check(entry);
    if (v.ok) state.apply(entry);
    return v;
  };
  accept({ id: 'genesis', body: { k: 'x', a: CREATOR, t: T0, n: 'n'.repeat(16), name: 'Crue', departement: '82', hazard: 'inondation', startedAt: '2026-11-23' } });
  accept(e({ k: 'm', a: CREATOR, m: CREATOR, role: 'coordinateur' }));
  accept(e({ k: 'm', a: CREATOR, m: COORD, role: 'coordinateur' }));
  accept(e({ k: 'm', a: CREATOR, m: VEILLEUR, role: 'veilleur' }));
  accept(e({ k: 'm', a: CREATOR, m: VEILLEUR2, role: 'veilleur' }));
  accept(e({ k: 'm', a: CREATOR, m: COD, role: 'cod' }));
  return { state, accept };
}

const parse = (body: Record<string, unknown>) => parseBody(JSON.stringify({ a: VEILLEUR, t: T0, ...body }));

describe('entrées du kit de relais : formes', () => {
  it('accepte un message, une approbation et un relais bien formés', () => {
    expect(parse({ k: 'b', b: 'm1', category: 'solidarite', title: 'Appel', text: 'Besoin de bénévoles', source: 'https://www.tarn-et-garonne.gouv.fr/x', hashtags: ['#Crue82', 'Tarn'], variants: { x: 'Court' } })).toMatchObject({ ok: true });
    expect(parse({ k: 'h', b: 'm1', v: 'e0001', n: 1 })).toMatchObject({ ok: true });
    expect(parse({ k: 'd', b: 'm1', v: 'e0001', platform: 'mastodon', url: 'https://mastodon.social/@a/1' })).toMatchObject({ ok: true });
  });
  it('refuse liens non http(s), textes trop longs, plateformes inconnues, mots-dièse piégés et messages vides', () => {
    expect(parse({ k: 'd', b: 'm1', v: 'e1', platform: 'x', url: 'javascript:alert(1)' })).toMatchObject({ ok: false });
    expect(parse({ k: 'd', b: 'm1', v: 'e1', platform: 'tiktok', url: 'https://x.com/a' })).toMatchObject({ ok: false });
    expect(parse({ k: 'b', b: 'm1', source: 'file:///etc/passwd' })).toMatchObject({ ok: false });
    expect(parse({ k: 'b', b: 'm1', text: 'x'.repeat(5001) })).toMatchObject({ ok: false });
    expect(parse({ k: 'b', b: 'm1', title: 't'.repeat(201) })).toMatchObject({ ok: false });
    expect(parse({ k: 'b', b: 'm1', variants: { bluesky: 'y'.repeat(5001) } })).toMatchObject({ ok: false });
    expect(parse({ k: 'b', b: 'm1', hashtags: ['#ok', '<img src=x>'] })).toMatchObject({ ok: false });
    expect(parse({ k: 'b', b: 'm1', hashtags: Array.from({ length: 11 }, (_, i) => `#t${i}`) })).toMatchObject({ ok: false });
    expect(parse({ k: 'b', b: 'm1' })).toMatchObject({ ok: false, reason: 'message à relayer vide' });
    expect(parse({ k: 'h', b: 'm1', v: 'e1', n: 0 })).toMatchObject({ ok: false });
  });
});

describe('règles : seul le COD approuve', () => {
  it('refuse l’approbation d’un veilleur et d’un coordinateur, accepte celle du COD', () => {
    const { state, accept } = crisis();
    const created = e({ k: 'b', a: VEILLEUR, b: 'm1', title: 'Restez chez vous', text: 'Ne prenez pas la route.', ready: true });
    expect(accept(created)).toEqual({ ok: true });
    const approve = (a: string) => e({ k: 'h', a, b: 'm1', v: created.id, n: 1 });
    expect(accept(approve(VEILLEUR))).toEqual({ ok: false, reason: 'seul le COD approuve un message à relayer' });
    expect(accept(approve(COORD))).toEqual({ ok: false, reason: 'seul le COD approuve un message à relayer' });
    expect(state.relayKit.message('m1')?.status).toBe('a_approuver');
    expect(accept(approve(COD))).toEqual({ ok: true });
    expect(state.relayKit.message('m1')).toMatchObject({ status: 'approuve', approval: { actor: COD } });
    // Anyone admitted drafts and relays.
    expect(accept(e({ k: 'd', a: VEILLEUR2, b: 'm1', v: created.id, platform: 'x', url: 'https://x.com/v/status/1' }))).toEqual({ ok: true });
  });
});

describe('état du kit de relais', () => {
  function entries(): Entry[] {
    n = 100;
    const create = e({ k: 'b', a: VEILLEUR, b: 'm1', category: 'mise_en_securite', title: 'Montez à l’étage', text: 'Crue : montez à l’étage.', hashtags: ['#Crue82'], ready: true });
    const edit1 = e({ k: 'b', a: COD, b: 'm1', variants: { x: 'Crue : à l’étage !' } });
    const approval1 = e({ k: 'h', a: COD, b: 'm1', v: edit1.id, n: 2 });
    const relayX = e({ k: 'd', a: VEILLEUR, b: 'm1', v: edit1.id, platform: 'x', url: 'https://x.com/c/status/9' });
    const relayFb = e({ k: 'd', a: VEILLEUR2, b: 'm1', v: edit1.id, platform: 'facebook', url: 'https://www.facebook.com/e/posts/3' });
    const other = e({ k: 'b', a: VEILLEUR2, b: 'm2', category: 'solidarite', title: 'Collecte', text: 'Dépôt de couvertures salle des fêtes.' });
    const early = e({ k: 'd', a: VEILLEUR2, b: 'm2', v: other.id, platform: 'bluesky', url: 'https://bsky.app/profile/e/post/1' });
    return [create, edit1, approval1, relayX, relayFb, other, early];
  }
  const snapshot = (s: RelayKitState) => JSON.stringify(s.messages().sort((x, y) => (x.id < y.id ? -1 : 1)));

  it('le dernier mot par champ, une modification après l’approbation demande une nouvelle approbation', () => {
    const s = new RelayKitState();
    const list = entries();
    for (const x of list) s.apply(x as never);
    const m1 = s.message('m1')!;
    expect(m1).toMatchObject({ status: 'approuve', title: 'Montez à l’étage', variants: { x: 'Crue : à l’étage !', bluesky: '' }, edits: 2, createdBy: VEILLEUR, updatedBy: COD });
    expect(coverageOf(m1).missing).toEqual(['bluesky', 'mastodon']);
    expect(stillToRelay(s.messages()).map((x) => x.message.id)).toEqual(['m1']);
    // An unapproved message's relay is kept, flagged.
    expect(s.message('m2')).toMatchObject({ status: 'brouillon', relays: [{ platform: 'bluesky', approved: false }] });

    s.apply(e({ k: 'b', a: VEILLEUR, b: 'm1', text: 'Crue : montez à l’étage, coupez le gaz.' }) as never);
    const edited = s.message('m1')!;
    expect(edited).toMatchObject({ status: 'modifie', text: 'Crue : montez à l’étage, coupez le gaz.', title: 'Montez à l’étage', lastApproval: { actor: COD } });
    expect(edited.approval).toBeUndefined();
    expect(edited.relays.map((r) => [r.approved, r.outdated])).toEqual([
      [true, true],
      [true, true],
    ]);
    expect(stillToRelay(s.messages())).toEqual([]);
    s.apply(e({ k: 'h', a: COD, b: 'm1', v: edited.version, n: 3 }) as never);
    expect(s.message('m1')?.status).toBe('approuve');
  });

  it('une modification concurrente arrivée après l’approbation la rend caduque (même version la plus récente)', () => {
    const s = new RelayKitState();
    const [create, edit1, approval1] = entries();
    // An edit written earlier (offline) than the approved one, arriving after the approval.
    const offline = { id: 'e0000', body: { ...create!.body, t: create!.body.t + 1, a: VEILLEUR2, title: 'Autre titre' } } as Entry;
    for (const x of [create, edit1, approval1]) s.apply(x as never);
    expect(s.message('m1')?.status).toBe('approuve');
    s.apply(offline as never);
    expect(s.message('m1')).toMatchObject({ version: edit1!.id, edits: 3, status: 'modifie' });
  });

  it('donne le même état dans n’importe quel ordre d’arrivée', () => {
    const reference = new RelayKitState();
    for (const x of entries()) reference.apply(x as never);
    for (let seed = 1; seed <= 40; seed++) {
      const s = new RelayKitState();
      const list = entries();
      for (let i = list.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const j = seed % (i + 1);
        [list[i], list[j]] = [list[j]!, list[i]!];
      }
      for (const x of list) s.apply(x as never);
      expect(snapshot(s)).toBe(snapshot(reference));
    }
  });
});

describe('comptage des caractères par plateforme', () => {
  const LINK = 'https://www.tarn-et-garonne.gouv.fr/Actions-de-l-Etat/Securite-et-protection-de-la-population/Crue-du-Tarn';
  const text = `Crue du Tarn : montez à l’étage 🌊👨‍👩‍👧 ${LINK} #Crue82`;

  it('X compte un lien 23 et un émoji 2 (twitter-text)', () => {
    // "Crue du Tarn : montez à l’étage " = 32, two emoji × 2, " " 1, link 23, " #Crue82" 8
    expect(countFor('x', text)).toEqual({ count: 32 + 4 + 1 + 23 + 8, limit: 280, over: false });
    expect(countFor('x', 'é'.repeat(281)).over).toBe(true);
    expect(countFor('x', 'é'.repeat(280)).over).toBe(false);
  });
  it('Bluesky compte les graphèmes, lien entier', () => {
    expect(graphemes('👨‍👩‍👧')).toBe(1);
    expect(graphemes('e\u0301')).toBe(1);
    expect(countFor('bluesky', text)).toEqual({ count: 32 + 2 + 1 + LINK.length + 8, limit: 300, over: false });
    expect(countFor('bluesky', '🌊'.repeat(301)).over).toBe(true);
  });
  it('Mastodon compte les graphèmes, un lien 23 et une mention sans son instance', () => {
    expect(countFor('mastodon', text)).toEqual({ count: 32 + 2 + 1 + 23 + 8, limit: 500, over: false });
    expect(countFor('mastodon', 'Merci @prefet82@social.gouv.fr').count).toBe('Merci @prefet82'.length);
    expect(countFor('mastodon', 'a'.repeat(501)).over).toBe(true);
  });
  it('Facebook : pas de limite, le compte est affiché', () => {
    expect(countFor('facebook', 'x'.repeat(9000))).toEqual({ count: 9000, limit: null, over: false });
  });
  it('le message à copier : la variante ou le texte, le lien et les mots-dièse absents du texte', () => {
    const m = { text: 'Montez à l’étage #crue82', variants: { x: 'À l’étage !' }, source: LINK, hashtags: ['#Crue82', 'Tarn'] };
    expect(composePost(m, 'x')).toBe(`À l’étage !\n\n${LINK}\n\n#Crue82 #Tarn`);
    expect(composePost(m, 'mastodon')).toBe(`Montez à l’étage #crue82\n\n${LINK}\n\n#Tarn`);
  });
});
