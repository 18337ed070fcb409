// What a free main courante entry (signed record kind `l`) holds: its type, its text, and the
// earlier entry it corrects, if any. Kept apart from the log itself (main-courante.ts) so that the
// record's schemas (records.ts) can import it without importing the log.
import { z } from 'zod';
import type { Labels } from './labels';

/** The kinds of line a COD writes in its main courante. */
export const LOG_TYPES = ['evenement', 'decision', 'information', 'demande'] as const;
export type LogType = (typeof LOG_TYPES)[number];

export const LOG_TYPE_LABELS: Labels<LogType> = {
  evenement: { fr: 'Événement', en: 'Event' },
  decision: { fr: 'Décision', en: 'Decision' },
  information: { fr: 'Information', en: 'Information' },
  demande: { fr: 'Demande', en: 'Request' },
};

/** A line of the log is read aloud to the prefect: a paragraph, not a report. */
export const MAX_LOG_TEXT = 4000;

/** The body's own fields (records.ts adds `k`, `a`, `t`). `fix`: the id of the `l` entry it corrects. */
export const LOG_ENTRY_FIELDS = {
  type: z.enum(LOG_TYPES),
  text: z.string().trim().min(1).max(MAX_LOG_TEXT),
  fix: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
};
