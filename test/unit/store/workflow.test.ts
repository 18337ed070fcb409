// The crisis cell's workflow across copies: verification, forwarding to the COD and its
// acknowledgement, rumours, closing. Every step is a signed entry that each copy checks.
import { describe, expect, it } from 'vitest';
import { RuleError } from '../../../src-renderer/store/crisis-store';
import { WorkflowError } from '../../../src-renderer/store/workflow-commands';
import { carol, joined, syncDocs, twoCopies } from './helpers';

async function threeCopies() {
  const copies = await twoCopies(); // a: Alice, coordinatrice (creator) · b: Bob, COD
  const c = await joined(copies.a, carol, 'veilleur');
  await syncDocs(copies.a, c);
  await syncDocs(copies.a, copies.b);
  return { ...copies, c };
}

describe('vérification', () => {
  it('chaque contrôle et le verdict sont signés, visibles partout, et le verdict change le statut', async () => {
    const { a, b, c } = await threeCopies();
    const s = await c.create({ text: 'Route coupée à Nègrepelisse', url: 'https://x.com/a/status/1' });
    await c.workflow.check(s.id, { check: 'source', sourceKind: 'citoyen', note: 'compte local ancien' });
    await c.workflow.check(s.id, { check: 'autres_sources', links: ['https://www.facebook.com/mairie/posts/2'] });
    await expect(c.workflow.verdict(s.id, 'dementi')).rejects.toThrow(WorkflowError); // a reason is asked
    await c.workflow.verdict(s.id, 'confirme', 'vu par la mairie');
    await syncDocs(c, a);
    await syncDocs(a, b);
    const v = b.state.workflow.verificationOf(s.id);
    expect(v.get('source')).toMatchObject({ ok: true, sourceKind: 'citoyen', actor: c.me.id });
    expect(v.get('autres_sources')?.links).toEqual(['https://www.facebook.com/mairie/posts/2']);
    expect(v.get('verdict')).toMatchObject({ verdict: 'confirme', note: 'vu par la mairie' });
    expect(b.get(s.id)?.status).toBe('confirme');
    expect(b.state.workflow.stepsOf(s.id)).toHaveLength(3);
  });
});

describe('transmission au COD', () => {
  it("un coordinateur transmet, le COD accuse réception et dit la suite ; le veilleur le voit", async () => {
    const { a, b, c } = await threeCopies();
    const s = await c.create({ text: 'Personnes sur un toit, rue du Port', priority: 'P1' });
    await syncDocs(c, a);
    await expect(c.workflow.forward([s.id], 'urgent')).rejects.toThrow(RuleError); // a veilleur does not forward
    await a.workflow.forward([s.id], 'Deux personnes sur un toit, confirmé par la mairie');
    expect(a.get(s.id)?.status).toBe('transmis');
    await syncDocs(a, b);
    const [f] = b.state.workflow.unacknowledged();
    expect(f).toMatchObject({ sightings: [s.id], actor: a.me.id });
    await syncDocs(a, c);
    await expect(c.workflow.acknowledge(f!.id)).rejects.toThrow(RuleError); // only the COD acknowledges
    await b.workflow.acknowledge(f!.id);
    await b.workflow.acknowledge(f!.id, 'transmis_sdis', 'SDIS 82 engagé');
    await syncDocs(b, a);
    await syncDocs(a, c);
    const seen = c.state.workflow.forwardingsOf(s.id)[0]!;
    expect(seen.ack?.actor).toBe(b.me.id);
    expect(seen.action).toMatchObject({ action: 'transmis_sdis', note: 'SDIS 82 engagé', actor: b.me.id });
    expect(c.state.workflow.unacknowledged()).toHaveLength(0);
  });

  it("une transmission signée par un veilleur est refusée par chaque copie, même écrite à la main", async () => {
    const { a, c } = await threeCopies();
    const s = await c.create({ text: 'Arbre sur la route' });
    // Bypass the command: write the entry straight through the store's writer.
    await expect((c as unknown as { write: (u: unknown[]) => Promise<unknown> }).write([{ k: 'f', s: [s.id], msg: 'x' }])).rejects.toThrow(/COD/);
    await syncDocs(c, a);
    expect(a.state.workflow.forwardings.size).toBe(0);
  });
});

describe('rumeurs', () => {
  it('une rumeur rassemble ses remontées, reçoit un verdict et ne devient publique que par un coordinateur', async () => {
    const { a, c } = await threeCopies();
    const posts = await c.createMany([
      { text: 'Le barrage de Bouillouses a cédé !!', platform: 'x' },
      { text: 'RT le barrage a cédé', platform: 'x' },
      { text: 'On dit que le barrage a lâché', platform: 'facebook' },
    ]);
    const id = await c.workflow.createRumour('Le barrage a cédé', posts.slice(0, 2));
    await c.workflow.linkToRumour(id, [posts[2]!]);
    await c.workflow.updateRumour(id, { verdict: 'fausse', correction: 'Le barrage tient : communiqué de la préfecture de 15 h.' });
    await expect(c.workflow.updateRumour(id, { isPublic: true })).rejects.toThrow(RuleError);
    await syncDocs(c, a);
    await a.workflow.updateRumour(id, { isPublic: true });
    const r = a.state.workflow.rumours.get(id)!;
    expect([...r.sightings].sort()).toEqual([...posts].sort());
    expect(r).toMatchObject({ claim: 'Le barrage a cédé', verdict: 'fausse', isPublic: true, createdBy: c.me.id });
    await c.workflow.linkToRumour(id, [posts[0]!], false);
    await syncDocs(c, a);
    expect(a.state.workflow.rumours.get(id)!.sightings.has(posts[0]!)).toBe(false);
    expect(a.state.workflow.rumoursOf(posts[1]!).map((x) => x.id)).toEqual([id]);
  });
});

describe('clôture partagée', () => {
  it('close la crise sur toutes les copies, refuse les saisies, et se rouvre', async () => {
    const { a, b, c } = await threeCopies();
    await expect(c.workflow.setClosed(true)).rejects.toThrow(RuleError); // a veilleur does not close
    await b.workflow.setClosed(true);
    await syncDocs(b, a);
    await syncDocs(a, c);
    expect(c.state.info?.closed).toBe(true);
    await expect(c.create({ text: 'trop tard' })).rejects.toThrow(/close/);
    await a.workflow.setClosed(false);
    await syncDocs(a, c);
    expect(c.state.info?.closed).toBe(false);
    await expect(c.create({ text: 'de nouveau possible' })).resolves.toBeTruthy();
  });
});
