// Départements from the official COG (via @etalab/decoupage-administratif, MIT licence).
import raw from '@etalab/decoupage-administratif/data/departements.json' with { type: 'json' };

export interface Departement {
  code: string;
  nom: string;
}

export const DEPARTEMENTS: readonly Departement[] = (raw as { code: string; nom: string }[]).map(
  ({ code, nom }) => ({ code, nom }),
);

const BY_CODE = new Map(DEPARTEMENTS.map((d) => [d.code, d]));

export function isDepartementCode(code: string): boolean {
  return BY_CODE.has(code);
}

export function departementName(code: string): string | undefined {
  return BY_CODE.get(code)?.nom;
}
