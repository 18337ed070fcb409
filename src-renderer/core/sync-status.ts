// "Which peers hold my edits": from state vectors (client id → number of changes known), how many
// of this copy's changes no peer has confirmed yet.
export type StateVector = ReadonlyMap<number, number>;

export function unconfirmedChanges(local: StateVector, ownClients: Iterable<number>, peers: readonly StateVector[]): number {
  let missing = 0;
  for (const client of new Set(ownClients)) {
    const mine = local.get(client) ?? 0;
    const best = peers.reduce((max, p) => Math.max(max, p.get(client) ?? 0), 0);
    missing += Math.max(0, mine - best);
  }
  return missing;
}
