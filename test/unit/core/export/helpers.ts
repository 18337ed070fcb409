import { DEFAULT_FIELDS, type Sighting, type SightingFields } from '../../../../src-renderer/core/sighting';

let n = 0;
export function sighting(fields: Partial<SightingFields> & { id?: string; createdAt?: number } = {}): Sighting {
  n++;
  const { id, createdAt, ...rest } = fields;
  return {
    ...DEFAULT_FIELDS,
    ...rest,
    id: id ?? `s${String(n).padStart(4, '0')}`,
    createdAt: createdAt ?? Date.UTC(2026, 10, 23, 8, n % 60),
    createdBy: 'actor-alice',
    updatedAt: Date.UTC(2026, 10, 23, 9, 0),
    updatedBy: 'actor-bob',
  };
}

export const MOISSAC = { insee: '82112', name: 'Moissac', departement: '82', lat: 44.1036, lon: 1.0846 };
export const communes = {
  byInsee: (code: string) => (code === '82112' ? MOISSAC : undefined),
  nearest: (lat: number, lon: number) => (Math.abs(lat - 44.1) < 0.2 && Math.abs(lon - 1.08) < 0.2 ? MOISSAC : undefined),
};

/** Private values a public output must never contain. */
export const PRIVATE = {
  authorHandle: '@jean_dupont82',
  url: 'https://x.com/jean_dupont82/status/123456',
  verificationNotes: 'NOTE-PRIVEE appelé le voisin',
  assignee: 'ASSIGNEE-Bernard',
  text: 'TEXTE-DU-POST original du citoyen',
};
