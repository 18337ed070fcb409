// @vitest-environment jsdom
// The table's hook (ui/sightings/hooks.ts useSightingList) with a query typed before the search
// index is ready: the keystroke renders at once with the rows it had and `searching`, the hook runs
// the warm-up in slices until the newest query is answered, then renders its rows; the search box
// says « Recherche… » meanwhile.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EMPTY_FILTER, filterSightings, type SightingFilter } from '../../../src-renderer/core/query';
import { DEFAULT_FIELDS, type Sighting } from '../../../src-renderer/core/sighting';
import { STATUSES } from '../../../src-renderer/core/taxonomy';
import { initI18n } from '../../../src-renderer/i18n';
import { seededRandom } from '../../seeded-random';

const fake = vi.hoisted(() => ({ store: null as unknown }));
vi.mock('../../../src-renderer/ui/session', () => ({ useCrisisStore: () => fake.store }));
const { useSightingList } = await import('../../../src-renderer/ui/sightings/hooks');
const { FiltersBar } = await import('../../../src-renderer/ui/sightings/FiltersBar');

const PLACES = ['Moissac', 'Montauban', 'Castelsarrasin', 'Saint-Antonin-Noble-Val'];
const WORDS = ['crue', 'pont', 'évacuation', 'école', 'route coupée', 'gymnase', 'l’eau monte'];

/** Enough rows that a search waits (more than the view gives their bits at once). */
function crisis(n: number): Map<string, Sighting> {
  const r = seededRandom(7);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const rows = new Map<string, Sighting>();
  for (let i = 0; i < n; i++) {
    const id = `s${i}`;
    rows.set(id, { ...DEFAULT_FIELDS, id, text: `${pick(WORDS)} ${pick(WORDS)} n° ${i}`, communeName: pick(PLACES), status: pick(STATUSES), createdAt: 1000 + i, createdBy: 'a', updatedAt: 1000 + i, updatedBy: 'a' });
  }
  return rows;
}

const seen: { ids: string[]; searching: boolean }[] = [];
function Table({ filter }: { filter: SightingFilter }) {
  const { rows, searching } = useSightingList(filter, { key: 'createdAt', descending: true });
  seen.push({ ids: rows.map((s) => s.id), searching });
  return <p data-testid="rows">{`${rows.length} ${searching ? 'attente' : 'prêt'}`}</p>;
}

const expected = (rows: Map<string, Sighting>, text: string) =>
  filterSightings([...rows.values()], { ...EMPTY_FILTER, text })
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((s) => s.id);

beforeAll(() => {
  initI18n('fr');
});
afterEach(() => {
  cleanup();
  seen.length = 0;
});

describe('recherche tapée juste après l’ouverture', () => {
  it('montre d’abord les lignes qu’il avait, puis le résultat de la dernière requête', async () => {
    const rows = crisis(4000);
    // Still loading: the idle warm-up has not started, only a query makes the index progress.
    fake.store = { rows, loading: true, docReady: new Promise<void>(() => undefined), version: 0, subscribe: () => () => undefined };
    const { rerender } = render(<Table filter={EMPTY_FILTER} />);
    const all = seen.at(-1)!.ids;
    expect(all).toEqual(expected(rows, ''));
    act(() => rerender(<Table filter={{ ...EMPTY_FILTER, text: 'mo' }} />));
    // The keystroke rendered at once, with every row still shown and the search waiting.
    expect(seen.at(-1)).toEqual({ ids: all, searching: true });
    // A second letter before the answer: only the newest query is answered.
    act(() => rerender(<Table filter={{ ...EMPTY_FILTER, text: 'moissac' }} />));
    expect(seen.at(-1)!.searching).toBe(true);
    await waitFor(() => expect(screen.getByTestId('rows').textContent).toMatch(/prêt$/), { timeout: 20_000 });
    expect(seen.at(-1)!.ids).toEqual(expected(rows, 'moissac'));
    expect(seen.at(-1)!.ids.length).toBeGreaterThan(500);
    // The query left behind was never shown.
    expect(seen.some((s) => s.ids.join() === expected(rows, 'mo').join())).toBe(false);
    // Warm now: the next query is answered in the keystroke's own render.
    act(() => rerender(<Table filter={{ ...EMPTY_FILTER, text: 'moissac pont' }} />));
    expect(seen.at(-1)).toEqual({ ids: expected(rows, 'moissac pont'), searching: false });
  }, 30_000);

  it('la barre de recherche dit « Recherche… » tant que la requête attend', () => {
    const props = { filter: { ...EMPTY_FILTER, text: 'moi' }, counts: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<(typeof STATUSES)[number], number>, onChange: () => undefined };
    const { rerender } = render(<FiltersBar {...props} searching />);
    expect(screen.getByRole('status').textContent).toBe('Recherche…');
    rerender(<FiltersBar {...props} searching={false} />);
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
