import { describe, expect, it, vi } from 'vitest';
import { findInvitationLink, InvitationInbox } from '../../src-main/invitation-inbox';

const good = 'vigie://join/eyJ2IjoxfQ.AAAAAAAAAAAAAAAAAAAAAA';

describe('liens d’invitation vigie://', () => {
  it('trouve le lien parmi les arguments de la ligne de commande', () => {
    expect(findInvitationLink(['/opt/Vigie/vigie', '--no-sandbox', good])).toBe(good);
    expect(findInvitationLink(['/opt/Vigie/vigie'])).toBeNull();
  });
  it('ignore ce qui n’a pas la forme d’une invitation', () => {
    const inbox = new InvitationInbox();
    for (const bad of ['vigie://join/', 'vigie://other/x.AAAAAAAAAAAAAAAAAAAAAA', 'https://evil.example/join/x.AAAAAAAAAAAAAAAAAAAAAA', `${good}<script>`, `${good}\n`, 'vigie://join/a b.AAAAAAAAAAAAAAAAAAAAAA'])
      expect(inbox.receive(bad)).toBe(false);
    expect(inbox.take()).toBeNull();
  });
  it('garde la dernière pour la page, une seule fois, et prévient à chaque arrivée', () => {
    const inbox = new InvitationInbox();
    const arrived = vi.fn();
    inbox.onArrival(arrived);
    expect(inbox.receive(good)).toBe(true);
    expect(arrived).toHaveBeenCalledOnce();
    expect(inbox.take()).toBe(good);
    expect(inbox.take()).toBeNull();
  });
});
