// A sighting (remontée): what it holds and what a valid one looks like. Fields are validated one by
// one because they also arrive one by one, from any peer, in the change log.
import { z } from 'zod';
import { isDepartementCode } from './departements';
import { isSafeHttpUrl } from './links';
import { AUTHOR_KINDS, CATEGORIES, PLATFORMS, PRECISIONS, PRIORITIES, STATUSES } from './taxonomy';

z.config(z.locales.fr());

const text = (max: number) => z.string().max(max, { error: `${max} caractères au plus` });
const safeUrl = z
  .string()
  .max(2048, { error: 'lien trop long' })
  .refine((v) => v === '' || isSafeHttpUrl(v), { error: 'lien invalide : seuls les liens http(s) sont acceptés' });
const isoDate = z
  .string()
  .refine((v) => v === '' || !Number.isNaN(Date.parse(v)), { error: 'date invalide' });

export const FIELD_SCHEMAS = {
  // source
  platform: z.enum(PLATFORMS),
  url: safeUrl,
  authorHandle: text(200),
  authorKind: z.enum(AUTHOR_KINDS),
  postedAt: isoDate,
  text: text(20000),
  mediaUrls: z.array(safeUrl.refine((v) => v !== '', { error: 'lien vide' })).max(50),
  // place
  placeText: text(500),
  communeInsee: z.string().regex(/^(\d[\dAB]\d{3})?$/, { error: 'code INSEE invalide (5 caractères)' }),
  communeName: text(200),
  departement: z.string().refine((v) => v === '' || isDepartementCode(v), { error: 'département inconnu' }),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  precision: z.enum(PRECISIONS),
  // triage
  category: z.enum(CATEGORIES),
  priority: z.enum(PRIORITIES),
  status: z.enum(STATUSES),
  assignee: text(200),
  verificationNotes: text(20000),
  duplicateOf: text(64),
  relatedIds: z.array(text(64)).max(100),
  // public side: written for the public, never the author handle nor private notes
  isPublic: z.boolean(),
  publicTitle: text(200),
  publicSummary: text(2000),
} as const;

export type FieldName = keyof typeof FIELD_SCHEMAS;
export type SightingFields = { [K in FieldName]: z.infer<(typeof FIELD_SCHEMAS)[K]> };
export const FIELD_NAMES = Object.keys(FIELD_SCHEMAS) as FieldName[];

export interface Sighting extends SightingFields {
  id: string;
  createdAt: number;
  /** Actor id; names live in the crisis's member list. */
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
}

/**
 * A blank row, every property in one literal, in the order rows always had (fields, then id and
 * times). Rows are cloned from it (changes.ts applyChange), and V8 then keeps all 29 inside the
 * object: spread from the fields alone and then given an id and times, each row kept those five in
 * an array of its own (~3 MB at 100,000 rows).
 */
export const BLANK_ROW: Sighting = {
  platform: 'web',
  url: '',
  authorHandle: '',
  authorKind: 'inconnu',
  postedAt: '',
  text: '',
  mediaUrls: [],
  placeText: '',
  communeInsee: '',
  communeName: '',
  departement: '',
  lat: null,
  lon: null,
  precision: 'inconnue',
  category: 'autre',
  priority: 'P3',
  status: 'nouveau',
  assignee: '',
  verificationNotes: '',
  duplicateOf: '',
  relatedIds: [],
  isPublic: false,
  publicTitle: '',
  publicSummary: '',
  id: '',
  createdAt: 0,
  createdBy: '',
  updatedAt: 0,
  updatedBy: '',
};

const { id: _id, createdAt: _createdAt, createdBy: _createdBy, updatedAt: _updatedAt, updatedBy: _updatedBy, ...defaults } = BLANK_ROW;
export const DEFAULT_FIELDS: SightingFields = defaults;

export function isFieldName(name: string): name is FieldName {
  return Object.prototype.hasOwnProperty.call(FIELD_SCHEMAS, name);
}

/** True when `value` is acceptable for `field` (used to ignore bad fields from a peer). */
export function isValidField(field: FieldName, value: unknown): boolean {
  return FIELD_SCHEMAS[field].safeParse(value).success;
}

export interface FieldError {
  field: FieldName | 'sighting';
  message: string;
}

/** Rules between fields, checked when a user saves (a merge of two valid edits may still bend them). */
function crossFieldErrors(s: SightingFields, id?: string): FieldError[] {
  const errors: FieldError[] = [];
  if ((s.lat === null) !== (s.lon === null))
    errors.push({ field: 'lat', message: 'latitude et longitude vont ensemble' });
  if (s.status === 'doublon' && !s.duplicateOf)
    errors.push({ field: 'duplicateOf', message: 'indiquez de quelle remontée celle-ci est le doublon' });
  if (id && s.duplicateOf === id)
    errors.push({ field: 'duplicateOf', message: 'une remontée ne peut pas être son propre doublon' });
  if (s.isPublic && !s.publicTitle.trim())
    errors.push({ field: 'publicTitle', message: 'un titre public est requis pour la carte publique' });
  return errors;
}

/** Validates a whole sighting's fields; returns every problem, in French. */
export function validateFields(s: SightingFields, id?: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of FIELD_NAMES) {
    const r = FIELD_SCHEMAS[field].safeParse(s[field]);
    if (!r.success) errors.push({ field, message: r.error.issues[0]?.message ?? 'valeur invalide' });
  }
  return errors.length ? errors : crossFieldErrors(s, id);
}

/**
 * A duplicate link must name a sighting of this crisis, not the sighting itself, and following the
 * links from it must never come back to it (A doublon de B doublon de A). Needs the crisis's rows,
 * so it is checked where they are (the store's update, the picker), not by validateFields.
 */
export function duplicateLinkErrors(get: (id: string) => Pick<Sighting, 'duplicateOf'> | undefined, id: string, duplicateOf: string): FieldError[] {
  if (!duplicateOf) return [];
  const error = (message: string): FieldError[] => [{ field: 'duplicateOf', message }];
  if (duplicateOf === id) return error('une remontée ne peut pas être son propre doublon');
  if (!get(duplicateOf)) return error('la remontée d’origine n’existe pas dans cette crise');
  const seen = new Set([id]);
  for (let at: string | undefined = duplicateOf; at; at = get(at)?.duplicateOf) {
    if (seen.has(at)) return error('ce lien ferait une boucle : l’originale est déjà un doublon de celle-ci');
    seen.add(at);
  }
  return [];
}

/** When a sighting was seen: the post's own time when known and valid, else when it was captured. */
export function seenAt(s: Pick<Sighting, 'postedAt' | 'createdAt'>): number {
  const posted = s.postedAt ? Date.parse(s.postedAt) : NaN;
  return Number.isFinite(posted) ? posted : s.createdAt;
}
