// Signed sync receipts over the relay: the sync bar names the member whose copy holds my last change;
// a receipt forged in that member's name (signed with another key) through the real relay is refused.
import { sign } from 'node:crypto';
import * as Y from 'yjs';
import { startRelayServer, type RelayServer } from '../../src-main/services/relay-server';
import { expect, test } from './fixtures';
import { hostileRelayClient } from './hostile-client';
import { readInvitation } from './plain-peer';
import { capture, copyOf, invitationLink, join, setAddresses, startCrisis } from './sync-helpers';

let server: RelayServer;
test.beforeAll(async () => {
  server = await startRelayServer({ host: '127.0.0.1', port: 0, log: () => undefined });
});
test.afterAll(async () => server.close());

test('la barre nomme qui détient ma dernière modification ; un reçu forgé au nom d’un membre est ignoré', async ({ browser, page, guard }) => {
  test.setTimeout(150_000);
  await startCrisis(page);
  await setAddresses(page, [], [server.syncUrl!]);
  const codLink = await invitationLink(page, 'cod');
  const veilleurLink = await invitationLink(page, 'veilleur');
  const { page: cod } = await copyOf(browser, guard.errors);
  await join(cod, codLink, 'Bruno COD');

  // Alice writes; Bruno's copy receives it and says so, signed.
  await capture(page, 'Première remontée');
  const held = page.getByTestId('held-by');
  await expect(held).toHaveAttribute('data-names', 'Bruno COD', { timeout: 30_000 });
  await expect(held).toContainText(/Reçu par Bruno COD \((à l’instant|il y a \d+ min)\)/);
  await page.getByRole('button', { name: 'Reçus', exact: true }).click();
  const details = page.getByRole('region', { name: 'Reçus signés des membres' });
  await expect(details).toContainText(/Bruno COD — détient votre dernière modification depuis \d\d:\d\d:\d\d/);

  // Bruno's copy stops syncing; Alice's next change is held by nobody.
  await cod.getByRole('button', { name: 'Suspendre la synchronisation' }).click();
  await capture(page, 'Deuxième remontée');
  await expect(held).toHaveCount(0);
  await expect(details).toContainText(/Bruno COD — dernier reçu signé à/);

  // Mallory holds an invitation (the crisis key) and the whole document, and claims, in Bruno's name,
  // to hold it: signed with her own key, the receipt is refused and Bruno is not named.
  const inv = readInvitation(veilleurLink);
  const mallory = await hostileRelayClient(inv, server.syncUrl!);
  try {
    const bruno = mallory.log
      .toArray()
      .map((e) => JSON.parse((e as { d: string }).d) as { k: string; a: string; name?: string })
      .find((b) => b.k === 'p' && b.name === 'Bruno COD')!.a;
    const sv = Buffer.from(Y.encodeStateVector(mallory.doc)).toString('base64');
    const d = JSON.stringify({ a: bruno, c: inv.id, t: Date.now(), sv });
    const g = sign(null, Buffer.from(`vigie/receipt/v1:${inv.id}\n${d}`), mallory.key.privateKey).toString('base64url');
    const refused = page.getByTestId('refused-receipts');
    const before = (await refused.count()) ? Number(await refused.getAttribute('data-count')) : 0;
    mallory.awareness.setLocalState({ user: { actor: bruno, name: 'Bruno COD' }, rc: { d, g } });
    await expect(refused).toHaveAttribute('data-count', String(before + 1), { timeout: 30_000 });
    await expect(held).toHaveCount(0);
  } finally {
    mallory.stop();
  }

  // Bruno syncs again: his own receipt names him.
  await cod.getByRole('button', { name: 'Reprendre la synchronisation' }).click();
  await expect(held).toHaveAttribute('data-names', 'Bruno COD', { timeout: 30_000 });
});
