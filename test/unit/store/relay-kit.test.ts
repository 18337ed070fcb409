// The relay kit across copies: a volunteer drafts a consigne, the COD approves it, volunteers relay
// it; an approval signed by a veilleur (its client bypassing its own checks) is refused by the
// other copies' rules, and an edit after approval needs a new one.
import { describe, expect, it } from 'vitest';
import { entryText, signedText } from '../../../src-renderer/core/records';
import { entryId, type Signer } from '../../../src-renderer/core/signing';
import { RuleError, type CrisisStore } from '../../../src-renderer/store/crisis-store';
import { RelayError } from '../../../src-renderer/store/relay-commands';
import { carol, joined, syncDocs, twoCopies } from './helpers';

async function threeCopies() {
  const copies = await twoCopies(); // a: Alice, coordinatrice (creator) · b: Bob, COD
  const c = await joined(copies.a, carol, 'veilleur');
  await syncDocs(copies.a, c);
  await syncDocs(copies.a, copies.b);
  return { ...copies, c };
}

/** What a modified client of `from` could do: sign any body with its own key and share it as is. */
async function forge(from: CrisisStore, body: Record<string, unknown>) {
  const signer = (from as unknown as { keys: { signer: Signer } }).keys.signer;
  const d = entryText({ ...body, a: signer.id, t: Date.now() });
  const envelope = { d, g: await signer.sign(signedText(from.crisis.id, d)) };
  from.doc.getArray('log').push([envelope]);
  return entryId(d);
}

describe('kit de relais entre copies', () => {
  it('rédigé par un veilleur, approuvé par le COD, relayé, couverture visible partout', async () => {
    const { a, b, c } = await threeCopies();
    const id = await c.relay.create({ category: 'mise_en_securite', title: 'Montez à l’étage', text: 'Crue du Tarn : montez à l’étage.', source: 'https://www.tarn-et-garonne.gouv.fr/crue', hashtags: ['Crue82'], ready: true });
    await expect(c.relay.relayed(id, 'x', 'https://x.com/c/status/1')).rejects.toThrow(RelayError); // not approved yet
    await expect(c.relay.approve(id)).rejects.toThrow(RelayError);
    await syncDocs(c, b);
    expect(b.state.relayKit.message(id)).toMatchObject({ status: 'a_approuver', hashtags: ['#Crue82'] });
    await b.relay.approve(id);
    await syncDocs(b, c);
    await syncDocs(b, a);
    await c.relay.relayed(id, 'x', 'https://x.com/c/status/1');
    await expect(c.relay.relayed(id, 'mastodon', 'javascript:alert(1)')).rejects.toThrow(RelayError);
    await a.relay.relayed(id, 'facebook', 'https://www.facebook.com/a/posts/2');
    await syncDocs(c, a);
    await syncDocs(a, b);
    const m = b.state.relayKit.message(id)!;
    expect(m.status).toBe('approuve');
    // Relays are in the record's order (time, then entry id): both can fall in one millisecond, so the
    // order is checked as the same on every copy, and the relays as a set.
    const relays = m.relays.map((r) => [r.platform, r.actor, r.approved]);
    expect([...relays].sort()).toEqual([
      ['facebook', a.me.id, true],
      ['x', c.me.id, true],
    ]);
    expect(a.state.relayKit.message(id)!.relays.map((r) => r.id)).toEqual(m.relays.map((r) => r.id));

    // Edited after approval: to approve again, and not to relay meanwhile.
    await a.relay.edit(id, { text: 'Crue du Tarn : montez à l’étage, coupez le gaz.' });
    await syncDocs(a, b);
    expect(b.state.relayKit.message(id)?.status).toBe('modifie');
    await expect(a.relay.relayed(id, 'bluesky', 'https://bsky.app/profile/a/post/3')).rejects.toThrow(RelayError);
    await b.relay.approve(id);
    expect(b.state.relayKit.message(id)?.status).toBe('approuve');
  });

  it('l’approbation d’un veilleur, signée et partagée par un client modifié, est refusée par les autres copies', async () => {
    const { a, b, c } = await threeCopies();
    const id = await a.relay.create({ title: 'Évacuation', text: 'Évacuez le camping des Trois Rivières.', ready: true });
    await syncDocs(a, c);
    const version = a.state.relayKit.message(id)!.version;
    // The veilleur's own store refuses it…
    await expect(c.relay.approve(id)).rejects.toThrow(RelayError);
    // …a modified client signs it anyway and shares it.
    const forged = await forge(c, { k: 'h', b: id, v: version, n: 1 });
    await syncDocs(c, a);
    await syncDocs(a, b);
    for (const copy of [a, b]) {
      expect(copy.state.relayKit.message(id)?.status).toBe('a_approuver');
      expect(copy.state.ids.has(forged)).toBe(false);
      expect((await copy.rejections()).map((r) => r.reason)).toContain('seul le COD approuve un message à relayer');
    }

    // A coordinator who is not the crisis's creator: refused the same way.
    const d = await joined(a, { id: 'dan', name: 'Dan Roux', organisation: 'VISOV', role: 'coordinateur' }, 'coordinateur');
    await syncDocs(a, d);
    await expect(d.relay.approve(id)).rejects.toThrow(RelayError);
    const byCoordinator = await forge(d, { k: 'h', b: id, v: version, n: 1 });
    await syncDocs(d, a);
    await syncDocs(a, b);
    expect(b.state.ids.has(byCoordinator)).toBe(false);
    expect(b.state.relayKit.message(id)?.status).toBe('a_approuver');
    // The COD's is taken.
    await b.relay.approve(id);
    await syncDocs(b, d);
    expect(d.state.relayKit.message(id)?.status).toBe('approuve');
  });

  it('une crise close refuse de nouveaux messages, approbations et relais', async () => {
    const { a, b } = await twoCopies();
    const id = await a.relay.create({ title: 'Eau potable', text: 'Faites bouillir l’eau du robinet.', ready: true });
    await syncDocs(a, b);
    await b.relay.approve(id);
    await a.workflow.setClosed(true);
    await syncDocs(a, b);
    await expect(a.relay.create({ title: 'Après', text: 'Après la clôture' })).rejects.toThrow(RuleError);
    await expect(b.relay.relayed(id, 'x', 'https://x.com/b/status/2')).rejects.toThrow(RuleError);
    expect(b.state.relayKit.messages()).toHaveLength(1);
  });
});
