// The one check a claim gets before it is written (the record's own schema says the same: 1–500
// characters once trimmed), so the form says it in French instead of the store refusing it.
export const MAX_CLAIM = 500;

export type ClaimProblem = 'claimRequired' | 'claimTooLong';

export function claimProblem(claim: string): ClaimProblem | null {
  const text = claim.trim();
  if (!text) return 'claimRequired';
  if (text.length > MAX_CLAIM) return 'claimTooLong';
  return null;
}
