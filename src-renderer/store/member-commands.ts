// Who is in the crisis and with which key: admitting a member (or an invitation's key) with a role,
// removing one, giving the crisis a new key for those who remain, and what an invitation carries.
// Each writes signed entries through the store (durable before shown); the rules every copy applies
// are in core/rules.ts and core/crisis-state.ts.
import type { CrisisRecord } from '../core/crisis';
import type { Member, CrisisState } from '../core/crisis-state';
import { newCrisisKey } from '../core/ids';
import type { Invitation } from '../core/invitation';
import type { Envelope, UnsignedBody } from '../core/records';
import { sealFor } from '../core/rekey';
import { can } from '../core/rules';
import { exportPrivateKey, newSigningKeys, signerFrom } from '../core/signing';
import type { Role } from '../core/taxonomy';
import { RuleError } from './errors';
import type { SignedEntry } from './intake';
import type { Journal } from './journal';

export class MemberCommands {
  constructor(
    private readonly state: CrisisState,
    private readonly crisis: CrisisRecord,
    /** This copy's member: its signing key's id, and its exchange key's (what a new key is sealed for). */
    private readonly me: { id: string; agreementId: string },
    private readonly journal: Journal,
    private readonly write: (entries: UnsignedBody[]) => Promise<SignedEntry[]>,
  ) {}

  /** Admits a member (or an invitation's key) with a role, or changes a member's role. */
  async admit(memberId: string, role: Role, label?: string): Promise<SignedEntry> {
    const [entry] = await this.write([{ k: 'm', m: memberId, role, ...(label ? { label } : {}) }]);
    return entry!;
  }

  /** Removes a member: nothing they sign from now on is accepted by any copy. */
  async remove(memberId: string): Promise<void> {
    await this.write([{ k: 'r', m: memberId }]);
  }

  /**
   * Changes the crisis's key (after removing a member, say): a new epoch whose key is sealed for
   * each remaining member who published an exchange key. Every copy that can open it moves to a new
   * exchange document, seeded from its journal; a removed copy keeps what it had and hears nothing
   * more.
   */
  async rotateKey(): Promise<number> {
    const v = await this.rotation();
    await this.write([{ k: 'v', ...v }]);
    return v.e;
  }

  /** The next epoch's key, sealed for each remaining member who published an exchange key. */
  async rotation(): Promise<{ e: number; w: Record<string, string> }> {
    const me = this.me.id;
    if (!can(this.state, me, 'rotate')) throw new RuleError('Seuls le créateur, les coordinateurs et le COD changent la clé de la crise.');
    const epoch = Math.max(this.state.epoch, this.crisis.epoch ?? 0) + 1;
    const key = newCrisisKey();
    const w: Record<string, string> = {};
    for (const m of this.state.members.values()) {
      if (m.invitation || m.removedAt !== undefined || !m.x) continue;
      w[m.id] = await sealFor(key, m.x, this.crisis.id, epoch, m.id);
    }
    w[me] ??= await sealFor(key, this.me.agreementId, this.crisis.id, epoch, me);
    return { e: epoch, w };
  }

  /** Members who would not receive a new key now (no exchange key published yet). */
  withoutExchangeKey(): Member[] {
    return [...this.state.members.values()].filter((m) => !m.invitation && m.removedAt === undefined && !m.x);
  }

  /**
   * A new invitation's admission: a one-purpose key admitted here with `role`, its private half
   * (for the invitation only) and the entries that prove it.
   */
  async newInvitationAdmission(role: Role, label?: string): Promise<Invitation['admission']> {
    const keys = await newSigningKeys(true);
    const signer = await signerFrom(keys);
    await this.admit(signer.id, role, label);
    return { id: signer.id, key: await exportPrivateKey(keys.privateKey), role, chain: await this.admissionChain(signer.id) };
  }

  /**
   * The entries that prove a member's admission, from the crisis's first entry down: what an
   * invitation carries so the newcomer can check it before any peer is reached.
   */
  async admissionChain(memberId: string): Promise<Envelope[]> {
    const ids: string[] = [this.crisis.id];
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      const m = this.state.member(id);
      const trail = this.state.admissions.get(id) ?? [];
      if (m?.via) visit(m.via);
      for (const entryId of trail) if (!ids.includes(entryId)) ids.push(entryId);
      if (m?.admittedBy && m.admittedBy !== id) visit(m.admittedBy);
    };
    visit(memberId);
    // In no particular order: the receiving intake orders them and waits for each author's admission.
    return this.journal.get(ids);
  }
}
