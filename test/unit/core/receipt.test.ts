// Sync receipts are believed only when signed by the member they name, for this crisis, bounded and
// sane; the newest per member wins; holders and silent members follow from what was verified.
import { describe, expect, it } from 'vitest';
import { checkReceipt, MAX_RECEIPT_CHARS, ReceiptBook, receiptText, type MemberLookup } from '../../../src-renderer/core/receipt';
import { signedText } from '../../../src-renderer/core/records';
import { newSigningKeys, signerFrom, type Signer } from '../../../src-renderer/core/signing';

const CRISIS = 'crise-tarn-0001';
const NOW = Date.UTC(2026, 10, 23, 14);

async function signer(): Promise<Signer> {
  return signerFrom(await newSigningKeys());
}

async function receipt(who: Signer, body: Record<string, unknown> = {}, crisis = CRISIS) {
  const d = JSON.stringify({ a: who.id, c: CRISIS, t: NOW, sv: 'AQIDBA==', ...body });
  return { d, g: await who.sign(receiptText(crisis, d)) };
}

describe('reçus de synchronisation : vérification', () => {
  it('accepte le reçu signé par le membre qu’il nomme, refuse tout le reste', async () => {
    const [bob, mallory, carole, invite] = await Promise.all([signer(), signer(), signer(), signer()]);
    const members: MemberLookup = (id) =>
      id === bob.id ? { invitation: false } : id === carole.id ? { invitation: false, removedAt: NOW - 1 } : id === invite.id ? { invitation: true } : undefined;
    const check = (raw: unknown) => checkReceipt(raw, CRISIS, members, NOW);

    const good = await receipt(bob);
    expect(await check(good)).toMatchObject({ ok: true, body: { a: bob.id, t: NOW, sv: 'AQIDBA==' } });
    // Forged: names Bob, signed by Mallory's key.
    const forged = await receipt(mallory, { a: bob.id });
    expect(await check(forged)).toEqual({ ok: false, reason: 'signature invalide' });
    // Altered after signing: Bob's signature no longer matches.
    expect(await check({ ...good, d: good.d.replace('AQIDBA==', 'BQYHCA==') })).toEqual({ ok: false, reason: 'signature invalide' });
    // Bob's entry signature (another text) is not a receipt signature.
    expect(await check({ d: good.d, g: await bob.sign(signedText(CRISIS, good.d)) })).toEqual({ ok: false, reason: 'signature invalide' });
    // Oversize, before anything is parsed or verified.
    const big = await receipt(bob, { sv: 'A'.repeat(MAX_RECEIPT_CHARS) });
    expect(await check(big)).toEqual({ ok: false, reason: 'reçu trop volumineux' });
    // Another crisis, a time far ahead, garbage, unknown or removed authors, an invitation key.
    expect(await check(await receipt(bob, { c: 'autre-crise' }, 'autre-crise'))).toEqual({ ok: false, reason: 'reçu d’une autre crise' });
    expect(await check(await receipt(bob, { t: NOW + 3_600_000 }))).toEqual({ ok: false, reason: 'reçu daté du futur' });
    expect(await check(await receipt(bob, { sv: '<script>' }))).toEqual({ ok: false, reason: 'reçu invalide' });
    expect(await check(await receipt(bob, { t: 1e300 }))).toEqual({ ok: false, reason: 'reçu invalide' });
    expect(await check({ d: 'pas du json', g: good.g })).toEqual({ ok: false, reason: 'reçu illisible' });
    expect(await check({ d: good.d, g: 'court' })).toEqual({ ok: false, reason: 'reçu illisible' });
    expect(await check(null)).toEqual({ ok: false, reason: 'reçu illisible' });
    expect(await check(await receipt(mallory))).toEqual({ ok: false, reason: 'auteur inconnu dans cette crise' });
    expect(await check(await receipt(invite))).toEqual({ ok: false, reason: 'auteur inconnu dans cette crise' });
    expect(await check(await receipt(carole))).toEqual({ ok: false, reason: 'membre retiré' });
  });
});

describe('reçus de synchronisation : ce qui en découle', () => {
  const vector = (entries: [number, number][]) => new Map(entries);
  const OWN = [7];

  it('le plus récent reçu d’un membre l’emporte ; un ancien rejoué ne change rien', () => {
    const book = new ReceiptBook();
    expect(book.accept({ a: 'bob', t: 2000 }, vector([[7, 5]]), NOW)).toBe(true);
    expect(book.accept({ a: 'bob', t: 1000 }, vector([[7, 1]]), NOW + 5)).toBe(false);
    expect(book.accept({ a: 'bob', t: 2000 }, vector([[7, 1]]), NOW + 5)).toBe(false);
    expect(book.heldBy(vector([[7, 5]]), OWN, 'moi')).toEqual([{ actor: 'bob', since: NOW }]);
    expect(book.lastHeard('bob')).toBe(NOW);
  });

  it('nomme qui détient ma dernière modification, depuis quand, et l’oublie quand j’en fais une autre', () => {
    const book = new ReceiptBook();
    book.accept({ a: 'bob', t: 1 }, vector([[7, 3], [9, 10]]), NOW);
    book.accept({ a: 'carole', t: 1 }, vector([[7, 2]]), NOW + 1000);
    book.accept({ a: 'moi', t: 1 }, vector([[7, 3]]), NOW);
    expect(book.heldBy(vector([[7, 3]]), OWN, 'moi')).toEqual([{ actor: 'bob', since: NOW }]);
    // A new change of mine: nobody holds it until a newer receipt says so.
    expect(book.heldBy(vector([[7, 4]]), OWN, 'moi')).toEqual([]);
    book.accept({ a: 'carole', t: 2 }, vector([[7, 4]]), NOW + 60_000);
    book.accept({ a: 'bob', t: 2 }, vector([[7, 4]]), NOW + 90_000);
    expect(book.heldBy(vector([[7, 4]]), OWN, 'moi')).toEqual([
      { actor: 'carole', since: NOW + 60_000 },
      { actor: 'bob', since: NOW + 90_000 },
    ]);
    // Later receipts of the same state keep the first "since".
    book.accept({ a: 'carole', t: 3 }, vector([[7, 4]]), NOW + 120_000);
    expect(book.heldBy(vector([[7, 4]]), OWN, 'moi')[0]).toEqual({ actor: 'carole', since: NOW + 60_000 });
  });

  it('liste les membres sans reçu depuis plus de N minutes, ou jamais depuis l’ouverture', () => {
    const book = new ReceiptBook();
    const opened = NOW - 60 * 60_000;
    book.accept({ a: 'bob', t: 1 }, vector([]), NOW - 20 * 60_000);
    book.accept({ a: 'carole', t: 1 }, vector([]), NOW - 5 * 60_000);
    expect(book.silent(['bob', 'carole', 'denis'], NOW, 15, opened)).toEqual([{ actor: 'bob', lastHeard: NOW - 20 * 60_000 }, { actor: 'denis', lastHeard: undefined }]);
    expect(book.silent(['bob', 'carole', 'denis'], NOW, 30, opened).map((m) => m.actor)).toEqual(['denis']);
    // Opened 10 minutes ago: nobody is "silent for 15 min" yet for lack of a receipt.
    expect(book.silent(['denis'], NOW, 15, NOW - 10 * 60_000)).toEqual([]);
  });
});
