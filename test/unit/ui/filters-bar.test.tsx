// @vitest-environment jsdom
// The filters bar sends only what changed: a search is sent in a transition, and a select changed
// before that transition is rendered used to send a whole filter built from the render before it,
// the old search in it (an end-to-end run under load saw « Nouveau 0 » where 357 were due).
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type SightingFilter } from '../../../src-renderer/core/query';
import { STATUSES } from '../../../src-renderer/core/taxonomy';
import { initI18n } from '../../../src-renderer/i18n';
import { FiltersBar } from '../../../src-renderer/ui/sightings/FiltersBar';

const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<(typeof STATUSES)[number], number>;

beforeAll(() => initI18n('fr'));
afterEach(cleanup);

describe('la barre de filtres', () => {
  it('une recherche effacée puis une catégorie et une priorité choisies aussitôt : le filtre les a toutes', () => {
    let seen: SightingFilter = EMPTY_FILTER;
    function Holder() {
      // As the workspace does: each change merged into the filter as it stands.
      const [filter, setFilter] = useState<SightingFilter>({ ...EMPTY_FILTER, text: 'remontee n° 9999' });
      seen = filter;
      return <FiltersBar filter={filter} counts={counts} onChange={(change) => setFilter((f) => ({ ...f, ...change }))} />;
    }
    render(<Holder />);
    // In one act: nothing is rendered between the three events, as when the search's transition is
    // still pending when the selects change.
    act(() => {
      fireEvent.change(screen.getByLabelText('Rechercher'), { target: { value: '' } });
      fireEvent.change(screen.getByLabelText('Catégorie'), { target: { value: 'rumeur' } });
      fireEvent.change(screen.getByLabelText('Priorité'), { target: { value: 'P1' } });
    });
    expect(seen).toEqual({ ...EMPTY_FILTER, text: '', categories: ['rumeur'], priorities: ['P1'] });
  });
});
