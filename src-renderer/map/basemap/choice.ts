// The basemap chosen on this copy, remembered in localStorage under 'vigie.basemap'. Read back
// defensively: a missing, old or hand-edited value falls back to the built-in basemap.
import { z } from 'zod';
import { isValidTemplate, MAX_TEMPLATE_LENGTH } from './online-template';

export const CHOICE_KEY = 'vigie.basemap';

const onlineSchema = z.object({
  template: z.string().max(MAX_TEMPLATE_LENGTH).refine(isValidTemplate),
  attribution: z.string().max(300),
});

const pmtilesSchema = z.object({
  /** Web build: key of the file stored in IndexedDB; desktop: id the main process gave the path. */
  id: z.string().min(1).max(100),
  name: z.string().max(300),
  size: z.number().nonnegative(),
  where: z.enum(['indexeddb', 'desktop']),
});

const choiceSchema = z.object({
  /** Which layer sits over the built-in basemap (which is always there underneath). */
  active: z.enum(['builtin', 'pmtiles', 'online']),
  pmtiles: pmtilesSchema.optional(),
  online: onlineSchema.optional(),
  /** The user switched online tiles on. Without it, `online` is only a remembered address. */
  onlineEnabled: z.boolean().default(false),
});

export type BasemapChoice = z.infer<typeof choiceSchema>;
export type PmtilesRef = z.infer<typeof pmtilesSchema>;
export type OnlineSettings = z.infer<typeof onlineSchema>;

export const DEFAULT_CHOICE: BasemapChoice = { active: 'builtin', onlineEnabled: false };

/** Coherent choice: online tiles are shown only when enabled, a PMTiles only when one is known. */
export function normaliseChoice(choice: BasemapChoice): BasemapChoice {
  if (choice.active === 'online' && !(choice.onlineEnabled && choice.online)) return { ...choice, active: 'builtin' };
  if (choice.active === 'pmtiles' && !choice.pmtiles) return { ...choice, active: 'builtin' };
  return choice;
}

export function parseChoice(raw: string | null): BasemapChoice {
  if (!raw) return DEFAULT_CHOICE;
  try {
    const result = choiceSchema.safeParse(JSON.parse(raw));
    return result.success ? normaliseChoice(result.data) : DEFAULT_CHOICE;
  } catch {
    return DEFAULT_CHOICE;
  }
}

export function loadChoice(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): BasemapChoice {
  try {
    return parseChoice(storage?.getItem(CHOICE_KEY) ?? null);
  } catch {
    return DEFAULT_CHOICE;
  }
}

export function saveChoice(choice: BasemapChoice, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(CHOICE_KEY, JSON.stringify(normaliseChoice(choice)));
  } catch {
    /* private mode or full storage: the choice lasts for this session only */
  }
}
