// vigie://join/… links handed to the desktop app by the system (a click in a mail, a QR scan, a
// second launch). The shell only checks their shape and keeps the latest one for the page to take;
// the page decodes and verifies the invitation itself (src-renderer/core/invitation.ts).
export const INVITATION_LINK = /^vigie:\/\/join\/[A-Za-z0-9_-]{1,8000}\.[A-Za-z0-9_-]{16,64}$/;

/** The first invitation link among command-line arguments (Windows and Linux pass it there). */
export function findInvitationLink(argv: readonly string[]): string | null {
  return argv.find((arg) => typeof arg === 'string' && INVITATION_LINK.test(arg)) ?? null;
}

export class InvitationInbox {
  private pending: string | null = null;
  private listener: (() => void) | null = null;

  /** Keeps a well-formed link for the page; anything else is ignored. */
  receive(link: string | null | undefined): boolean {
    if (!link || !INVITATION_LINK.test(link)) return false;
    this.pending = link;
    this.listener?.();
    return true;
  }

  /** The page takes the link once. */
  take(): string | null {
    const link = this.pending;
    this.pending = null;
    return link;
  }

  onArrival(listener: () => void): void {
    this.listener = listener;
  }
}
