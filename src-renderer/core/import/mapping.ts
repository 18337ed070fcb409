// The mapping the user confirms, remembered per crisis: columns by header, and the meaning of each
// distinct value of the vocabulary columns. A new file starts from the guesses, overridden by what was
// confirmed for the same headers and values last time.
import { z } from 'zod';
import { ENUM_TARGETS, guessColumns, headerKey, isEnumTarget, TARGETS, type EnumTarget, type Target } from './columns';
import type { MappingChoices, ValueTables } from './rows';
import type { SourceTable } from './table';
import { ENUM_KEYS, guessValue, valueKey, type EnumValues } from './values';

export interface SavedMapping {
  /** headerKey → target (null: ignored). */
  columns: Record<string, Target | null>;
  values: ValueTables;
}

const savedSchema = z.object({
  columns: z.record(z.string().max(200), z.enum(TARGETS).nullable()),
  values: z.object(Object.fromEntries(ENUM_TARGETS.map((t) => [t, z.record(z.string().max(500), z.enum(ENUM_KEYS[t] as [string, ...string[]])).optional()]))),
});

/** A stored mapping, or undefined when it is not one (an older or damaged setting is ignored). */
export function parseSavedMapping(raw: unknown): SavedMapping | undefined {
  const r = savedSchema.safeParse(raw);
  return r.success ? (r.data as SavedMapping) : undefined;
}

export function initialChoices(header: readonly string[], saved?: SavedMapping): MappingChoices {
  const guessed = guessColumns(header);
  const columns = header.map((h, i) => {
    const k = headerKey(h);
    return saved && Object.prototype.hasOwnProperty.call(saved.columns, k) ? saved.columns[k] : guessed[i];
  });
  return { columns, values: structuredClone(saved?.values ?? {}) };
}

/** What to remember: this file's columns and values, over what was remembered before. */
export function toSaved(header: readonly string[], choices: MappingChoices, previous?: SavedMapping): SavedMapping {
  const columns = { ...(previous?.columns ?? {}) };
  header.forEach((h, i) => (columns[headerKey(h)] = choices.columns[i] ?? null));
  const values: ValueTables = {};
  for (const t of ENUM_TARGETS) {
    const merged = { ...(previous?.values[t] ?? {}), ...(choices.values[t] ?? {}) };
    if (Object.keys(merged).length) (values as Record<string, unknown>)[t] = merged;
  }
  return { columns, values };
}

export interface DistinctValue {
  key: string;
  /** The value as first written in the file. */
  raw: string;
  count: number;
  /** What the value means now: the user's choice, else the guess; undefined when unknown. */
  chosen: string | undefined;
  guessed: boolean;
}

/** For each vocabulary target mapped, its distinct values (most frequent first, at most `limit`). */
export function distinctValues(table: SourceTable, choices: MappingChoices, limit = 200): { target: EnumTarget; values: DistinctValue[]; more: number }[] {
  const out: { target: EnumTarget; values: DistinctValue[]; more: number }[] = [];
  for (const target of ENUM_TARGETS) {
    const cols = choices.columns.map((c, i) => (c === target ? i : -1)).filter((i) => i >= 0);
    if (!cols.length || !isEnumTarget(target)) continue;
    const seen = new Map<string, { raw: string; count: number }>();
    for (const row of table.rows)
      for (const i of cols) {
        const raw = (row.cells[i] ?? '').trim();
        const key = valueKey(raw);
        if (!key) continue;
        const s = seen.get(key);
        if (s) s.count++;
        else seen.set(key, { raw, count: 1 });
      }
    const all = [...seen.entries()].sort((a, b) => b[1].count - a[1].count);
    const table_ = choices.values[target] as Record<string, EnumValues[typeof target]> | undefined;
    out.push({
      target,
      values: all.slice(0, limit).map(([key, { raw, count }]) => {
        const chosen = table_?.[key];
        return { key, raw, count, chosen: chosen ?? guessValue(target, raw), guessed: chosen === undefined };
      }),
      more: Math.max(0, all.length - limit),
    });
  }
  return out;
}

/** The value tables with every guess made explicit (what the user saw in the table is what applies). */
export function confirmValues(table: SourceTable, choices: MappingChoices): MappingChoices {
  const values: ValueTables = structuredClone(choices.values);
  for (const { target, values: list } of distinctValues(table, choices, Number.MAX_SAFE_INTEGER)) {
    const t = ((values as Record<string, Record<string, string>>)[target] ??= {});
    for (const v of list) if (v.chosen !== undefined) t[v.key] ??= v.chosen;
  }
  return { columns: [...choices.columns], values };
}
