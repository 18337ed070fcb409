// A crisis workspace (one activation) and the person using this copy of Vigie.
import { z } from 'zod';
import { isDepartementCode } from './departements';
import type { SyncAddresses } from './invitation';
import type { Envelope } from './records';
import { HAZARDS, ROLES } from './taxonomy';

export const crisisInputSchema = z.object({
  name: z.string().trim().min(2, { error: 'donnez un nom à la crise (2 caractères au moins)' }).max(120),
  departement: z.string().refine(isDepartementCode, { error: 'choisissez un département' }),
  hazard: z.enum(HAZARDS, { error: "choisissez le type d'aléa" }),
  startedAt: z.string().refine((v) => !Number.isNaN(Date.parse(v)), { error: 'date de début invalide' }),
});
export type CrisisInput = z.infer<typeof crisisInputSchema>;

/** What this copy knows of a crisis. The key never enters the shared document. */
export interface CrisisRecord extends CrisisInput {
  id: string;
  /** 256-bit secret (base64url), shared only through invitations. */
  key: string;
  createdAt: number;
  lastOpenedAt: number;
  /** Set when the crisis is closed (clôturée): it stays readable. */
  closedAt?: number;
  /** Where to find the others: signaling servers, relays, ICE servers. None by default. */
  addresses?: SyncAddresses;
  /**
   * Signed entries this copy starts from: the crisis's first entry (its id is that entry's id), and
   * for a copy that joined, the invitation's proof of admission. Checked like any peer's entries.
   */
  seed?: Envelope[];
  /** Joined through an invitation: its key's id and its signature of this device's member id. */
  binding?: { i: string; w: string };
  /** Key generation: 0 at creation, +1 at each re-keying (the exchange document changes with it). */
  epoch?: number;
}

export const identityInputSchema = z.object({
  name: z.string().trim().min(2, { error: 'indiquez votre nom ou pseudonyme (2 caractères au moins)' }).max(80),
  organisation: z.string().trim().max(120),
  role: z.enum(ROLES, { error: 'choisissez un rôle' }),
});
export type IdentityInput = z.infer<typeof identityInputSchema>;

export interface Identity extends IdentityInput {
  /**
   * This device's member id: its signing public key (base64url), recorded as the author of this
   * person's entries. Roles come from each crisis's admissions; `role` is the one taken when this
   * person creates a crisis.
   */
  id: string;
}

/** First French message per field, for forms. */
export function formErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}
