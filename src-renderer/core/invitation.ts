// An invitation carries everything a colleague needs to join a crisis: its id, name, key and the
// addresses to reach the others. It is a secret (it holds the key): pass it by a trusted channel.
// Format: vigie://join/<payload>.<mac> (desktop) or <page>#/join/<payload>.<mac> (web build), where
// payload is base64url(JSON) and mac the first 16 bytes of HMAC-SHA-256(key, payload), so a
// mistyped, cut or altered invitation is refused instead of joining the wrong thing.
import { z } from 'zod';
import { fromBase64url, toBase64url } from './base64url';
import { CRISIS_KEY_PATTERN } from './ids';
import { isDepartementCode } from './departements';
import { HAZARDS, ROLES } from './taxonomy';
import { ACTOR_ID, SIGNATURE } from './signing';
import { MAX_ENTRY_CHARS } from './records';

export const INVITATION_VERSION = 2;

const wsUrl = z.string().max(300).refine((v) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'ws:' || u.protocol === 'wss:') && !!u.hostname && !u.username && !u.password;
  } catch {
    return false;
  }
}, { error: 'adresse ws:// ou wss:// attendue' });

const iceUrl = z.string().max(300).regex(/^(stun|stuns|turn|turns):[^\s]+$/, { error: 'adresse stun: ou turn: attendue' });

export const syncAddressesSchema = z.object({
  signaling: z.array(wsUrl).max(8),
  relay: z.array(wsUrl).max(8),
  ice: z.array(iceUrl).max(8),
  /**
   * SHA-256 fingerprints (64 lowercase hex digits, of the certificate's DER) of the self-signed
   * certificates a wss:// relay of this crisis may present; the desktop shell accepts those only
   * (src-main/relay-certificates.ts). Absent: only certificates the system trusts.
   */
  fingerprints: z.array(z.string().regex(/^[0-9a-f]{64}$/, { error: 'empreinte SHA-256 attendue (64 chiffres hexadécimaux)' })).max(8).optional(),
});
export type SyncAddresses = z.infer<typeof syncAddressesSchema>;
export const NO_ADDRESSES: SyncAddresses = { signaling: [], relay: [], ice: [] };

const invitationSchema = z.object({
  v: z.literal(INVITATION_VERSION),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: z.string().min(1).max(120),
  departement: z.string().refine(isDepartementCode),
  hazard: z.enum(HAZARDS),
  startedAt: z.string().refine((v) => !Number.isNaN(Date.parse(v))),
  key: z.string().regex(CRISIS_KEY_PATTERN),
  /** Key generation (0 at creation, +1 at each re-keying). */
  epoch: z.number().int().min(0).max(1_000_000).optional(),
  addresses: syncAddressesSchema,
  /**
   * The admission: a one-purpose key the inviter admitted with `role` (its private half, PKCS#8,
   * signs only the joiner's binding) and the signed entries that prove it, from the crisis's first.
   */
  admission: z.object({
    id: z.string().regex(ACTOR_ID),
    key: z.string().regex(/^[A-Za-z0-9_-]{40,200}$/),
    role: z.enum(ROLES),
    chain: z.array(z.object({ d: z.string().max(MAX_ENTRY_CHARS), g: z.string().regex(SIGNATURE) })).min(1).max(40),
  }),
});
export type Invitation = z.infer<typeof invitationSchema>;

export class InvitationError extends Error {}

async function mac(key: string, payload: string): Promise<string> {
  const subtle = globalThis.crypto.subtle;
  const hmacKey = await subtle.importKey('raw', new TextEncoder().encode(`vigie/invitation/v1:${key}`), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = new Uint8Array(await subtle.sign('HMAC', hmacKey, new TextEncoder().encode(payload)));
  return toBase64url(sig.subarray(0, 16));
}

/** The invitation's code: what follows "join/" in a link. */
export async function encodeInvitation(inv: Omit<Invitation, 'v'>): Promise<string> {
  const full = invitationSchema.parse({ v: INVITATION_VERSION, ...inv });
  const payload = toBase64url(new TextEncoder().encode(JSON.stringify(full)));
  return `${payload}.${await mac(full.key, payload)}`;
}

export function invitationLinks(code: string, webPage?: string) {
  return { desktop: `vigie://join/${code}`, web: webPage ? `${webPage.split('#')[0]}#/join/${code}` : undefined };
}

/** Accepts a whole link (vigie:// or web) or the bare code; throws InvitationError in French. */
export async function decodeInvitation(text: string): Promise<Invitation> {
  const trimmed = text.trim();
  const code = trimmed.match(/join\/([^\s]+)$/)?.[1] ?? trimmed;
  const [payload, tag, ...rest] = code.split('.');
  if (!payload || !tag || rest.length || !/^[A-Za-z0-9_-]+$/.test(payload + tag))
    throw new InvitationError('Invitation illisible : collez le lien complet reçu (vigie://join/… ou …#/join/…).');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(payload)));
  } catch {
    throw new InvitationError('Invitation illisible : le lien est incomplet ou abîmé.');
  }
  if ((raw as { v?: unknown })?.v !== INVITATION_VERSION && typeof (raw as { v?: unknown })?.v === 'number')
    throw new InvitationError("Cette invitation vient d'une autre version de Vigie : mettez l'application à jour.");
  const parsed = invitationSchema.safeParse(raw);
  if (!parsed.success) throw new InvitationError('Invitation invalide : ' + parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(' ; '));
  if ((await mac(parsed.data.key, payload)) !== tag)
    throw new InvitationError('Invitation altérée : elle ne correspond pas à sa clé. Demandez une nouvelle invitation.');
  return parsed.data;
}
