import { describe, expect, it } from 'vitest';
import { newCrisisKey } from '../../../src-renderer/core/ids';
import { decodeInvitation, encodeInvitation, invitationLinks, type Invitation } from '../../../src-renderer/core/invitation';

const base: Omit<Invitation, 'v'> = {
  id: 'crise123',
  name: 'Crue du Tarn',
  departement: '82',
  hazard: 'inondation',
  startedAt: '2026-11-23T08:00:00.000Z',
  key: newCrisisKey(),
  addresses: { signaling: ['ws://192.168.1.10:4444/signal'], relay: ['ws://192.168.1.10:4444/sync'], ice: [] },
  admission: { id: 'I'.repeat(43), key: 'K'.repeat(64), role: 'veilleur', chain: [{ d: '{"k":"x"}', g: 'g'.repeat(86) }] },
};

describe('invitations', () => {
  it('font l’aller-retour par le lien vigie://, le lien web ou le code seul', async () => {
    const code = await encodeInvitation(base);
    const links = invitationLinks(code, 'http://127.0.0.1:5178/index.html#/crises');
    expect(links.web).toBe(`http://127.0.0.1:5178/index.html#/join/${code}`);
    for (const text of [links.desktop, links.web!, code, `  ${code}\n`]) expect(await decodeInvitation(text)).toEqual({ v: 2, ...base });
  });

  it('refuse une invitation altérée, même d’un seul caractère', async () => {
    const code = await encodeInvitation(base);
    const [payload, tag] = code.split('.');
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    json.addresses.signaling = ['ws://attaquant.example:4444/signal'];
    const forged = btoa(JSON.stringify(json)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    await expect(decodeInvitation(`${forged}.${tag}`)).rejects.toThrow(/Invitation altérée/);
    const flipped = tag[0] === 'A' ? 'B' + tag.slice(1) : 'A' + tag.slice(1);
    await expect(decodeInvitation(`${payload}.${flipped}`)).rejects.toThrow(/Invitation altérée/);
  });

  it('dit en français ce qui ne va pas dans une invitation malformée', async () => {
    await expect(decodeInvitation('bonjour')).rejects.toThrow(/Invitation illisible/);
    await expect(decodeInvitation('vigie://join/')).rejects.toThrow(/Invitation illisible/);
    const code = await encodeInvitation(base);
    await expect(decodeInvitation(code.slice(0, 40) + '.' + code.split('.')[1])).rejects.toThrow(/Invitation (illisible|invalide|altérée)/);
    const v1 = btoa(JSON.stringify({ ...base, v: 1 })).replace(/=+$/, '');
    await expect(decodeInvitation(`${v1}.AAAAAAAAAAAAAAAAAAAAAA`)).rejects.toThrow(/autre version/);
  });

  it('n’accepte que des adresses ws(s) et stun/turn', async () => {
    await expect(encodeInvitation({ ...base, addresses: { ...base.addresses, signaling: ['https://signal.example'] } })).rejects.toThrow();
    await expect(encodeInvitation({ ...base, addresses: { ...base.addresses, ice: ['stun:10.0.0.1:3478'] } })).resolves.toMatch(/\./);
  });
});
