// Who may do what in a crisis, checked on every copy for every entry, whatever client wrote it.
// An entry that breaks a rule is refused like a bad signature. The same table is in docs/sync.md.
import type { Body, Entry } from './records';
import { canTransition, type Role, type Status } from './taxonomy';

export type Power = 'admit' | 'admitCod' | 'remove' | 'forward' | 'handle' | 'acknowledge' | 'approveRelay' | 'close' | 'rotate' | 'publish' | 'purge' | 'write';

/** The rule table: which role holds which power. The crisis's creator holds them all. */
export const POWERS: Record<Role, readonly Power[]> = {
  veilleur: ['write'],
  coordinateur: ['write', 'admit', 'remove', 'forward', 'handle', 'close', 'rotate', 'publish', 'purge'],
  cod: ['write', 'admit', 'admitCod', 'remove', 'forward', 'handle', 'acknowledge', 'approveRelay', 'close', 'rotate', 'publish', 'purge'],
};

/** Statuses only a coordinator or the COD may set. */
const STATUS_POWER: Partial<Record<Status, Power>> = { transmis: 'forward', traite: 'handle' };

export interface MemberView {
  role: Role;
  /** Author time from which this member's entries are refused. */
  removedAt?: number;
}

/** What the rules need to know of the crisis as this copy has it. */
export interface RuleContext {
  crisisId: string;
  creator?: string;
  member(id: string): MemberView | undefined;
  /** For a binding: the invitation key's membership, if admitted. */
  epoch: number;
}

export type Verdict = { ok: true } | { ok: false; reason: string; pending?: boolean };

const OK: Verdict = { ok: true };
const refuse = (reason: string): Verdict => ({ ok: false, reason });
const wait = (reason: string): Verdict => ({ ok: false, reason, pending: true });

export function can(ctx: RuleContext, actor: string, power: Power): boolean {
  if (actor === ctx.creator) return true;
  const m = ctx.member(actor);
  return !!m && m.removedAt === undefined && POWERS[m.role].includes(power);
}

/**
 * Checks one entry against the rules. `pending` means it may become acceptable once other entries
 * arrive (its author's admission, the crisis's first entry): it is kept aside, not refused.
 */
export function checkEntry(ctx: RuleContext, entry: Entry): Verdict {
  const b: Body = entry.body;
  if (b.k === 'x') return entry.id === ctx.crisisId ? OK : refuse("fausse entrée de création de crise");
  if (!ctx.creator) return wait('crise pas encore reçue');

  // Joining through an invitation: the invitation key must be admitted (its signature of this
  // device's id was checked with the envelope).
  if (b.k === 'p' && b.i) {
    const invite = ctx.member(b.i);
    if (!invite) return wait("invitation pas encore reçue");
    if (invite.removedAt !== undefined) return refuse('invitation révoquée');
    const me = ctx.member(b.a);
    if (me?.removedAt !== undefined && b.t >= me.removedAt) return refuse('membre retiré');
    return OK;
  }
  // The creator admits themself first.
  if (b.k === 'm' && b.a === ctx.creator && b.m === ctx.creator) return OK;

  const author = ctx.member(b.a);
  if (!author && b.a !== ctx.creator) return wait("auteur pas encore admis dans la crise");
  if (author?.removedAt !== undefined && b.t >= author.removedAt) return refuse('membre retiré de la crise');

  switch (b.k) {
    case 'm': {
      if (!can(ctx, b.a, 'admit')) return refuse("seuls le créateur, les coordinateurs et le COD admettent des membres");
      if (b.role === 'cod' && !can(ctx, b.a, 'admitCod')) return refuse('seul le COD peut donner le rôle COD');
      if (b.m === b.a) return refuse('un membre ne change pas son propre rôle');
      const target = ctx.member(b.m);
      if (target?.removedAt !== undefined) return refuse('membre déjà retiré');
      if (target?.role === 'cod' && !can(ctx, b.a, 'admitCod')) return refuse('seul le COD change le rôle d’un membre du COD');
      if (b.m === ctx.creator) return refuse('le rôle du créateur ne change pas');
      return OK;
    }
    case 'r': {
      if (!can(ctx, b.a, 'remove')) return refuse('seuls le créateur, les coordinateurs et le COD retirent un membre');
      if (b.m === b.a) return refuse('un membre ne se retire pas lui-même');
      if (b.m === ctx.creator && b.a !== ctx.creator && !can(ctx, b.a, 'admitCod')) return refuse('seul le COD retire le créateur');
      const target = ctx.member(b.m);
      if (target?.role === 'cod' && !can(ctx, b.a, 'admitCod')) return refuse('seul le COD retire un membre du COD');
      return OK;
    }
    case 'u':
      return can(ctx, b.a, 'close') ? OK : refuse('seuls le créateur, les coordinateurs et le COD modifient la crise');
    case 'v':
      if (!can(ctx, b.a, 'rotate')) return refuse('seuls le créateur, les coordinateurs et le COD changent la clé');
      return b.e > ctx.epoch ? OK : refuse('époque déjà dépassée');
    case 'e': {
      const to = b.f.status;
      if (to !== undefined) {
        const from = b.p.status;
        if (from === undefined || !canTransition(from, to)) return refuse(`passage de statut interdit (${from ?? '?'} → ${to})`);
        const power = STATUS_POWER[to];
        if (power && from !== to && !can(ctx, b.a, power)) return refuse(`statut « ${to} » réservé aux coordinateurs et au COD`);
      }
      return can(ctx, b.a, 'write') ? OK : refuse("ce membre ne peut pas écrire");
    }
    case 'c':
      if (b.f.status && b.f.status !== 'nouveau' && STATUS_POWER[b.f.status] && !can(ctx, b.a, STATUS_POWER[b.f.status]!))
        return refuse(`statut « ${b.f.status} » réservé aux coordinateurs et au COD`);
      return can(ctx, b.a, 'write') ? OK : refuse("ce membre ne peut pas écrire");
    case 'o':
      if (b.scope === 'public' && !can(ctx, b.a, 'publish')) return refuse('seuls le créateur, les coordinateurs et le COD publient la carte publique');
      return can(ctx, b.a, 'write') ? OK : refuse("ce membre ne peut pas écrire");
    case 'q':
    case 'l':
    case 'b':
    case 'd':
      return can(ctx, b.a, 'write') ? OK : refuse("ce membre ne peut pas écrire");
    case 'f':
      return can(ctx, b.a, 'forward') ? OK : refuse('seuls les coordinateurs et le COD transmettent au COD');
    case 'y':
      return can(ctx, b.a, 'acknowledge') ? OK : refuse('seul le COD accuse réception et dit la suite donnée');
    case 'z':
      if (b.isPublic && !can(ctx, b.a, 'publish')) return refuse('seuls le créateur, les coordinateurs et le COD rendent une rumeur publique');
      return can(ctx, b.a, 'write') ? OK : refuse("ce membre ne peut pas écrire");
    case 's':
      return can(ctx, b.a, 'purge') ? OK : refuse('seuls le créateur, les coordinateurs et le COD purgent les données personnelles');
    case 'h':
      return can(ctx, b.a, 'approveRelay') ? OK : refuse('seul le COD approuve un message à relayer');
    case 'p':
    case 'k':
      return OK;
  }
}
