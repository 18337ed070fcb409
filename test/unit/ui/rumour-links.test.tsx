// @vitest-environment jsdom
// RumourLinks (the detail panel's "Rumeurs liées"): the rumours a sighting carries, unlinking, the
// picker by claim, a rumour created from the sighting with its claim required in French; claims from
// peers shown as text, never HTML.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BodyOf } from '../../../src-renderer/core/records';
import { WorkflowState } from '../../../src-renderer/core/workflow-state';
import { initI18n } from '../../../src-renderer/i18n';

const fake = vi.hoisted(() => ({ store: null as unknown }));
vi.mock('../../../src-renderer/ui/session', () => ({ useCrisisStore: () => fake.store }));
const { RumourLinks } = await import('../../../src-renderer/ui/rumours/RumourLinks');

const XSS = '<img src=x onerror="window.__xss=1">Le barrage a cédé';
let t = Date.UTC(2026, 10, 23, 8);
function setup() {
  const workflow = new WorkflowState();
  const z = (body: Omit<BodyOf<'z'>, 'k' | 'a' | 't'>) => workflow.apply({ id: `e${t}`, body: { k: 'z', a: 'alice', t: t++, ...body } });
  z({ z: 'r1', claim: XSS, add: ['s1', 's2'] });
  z({ z: 'r1', verdict: 'fausse' });
  z({ z: 'r2', claim: 'Le pont de Moissac s’est effondré', add: ['s2'] });
  z({ z: 'r3', claim: 'Les écoles ferment demain' });
  const store = {
    state: { workflow },
    version: 0,
    subscribe: () => () => undefined,
    get: (id: string) => (['s1', 's2'].includes(id) ? { id, platform: 'x', status: 'nouveau', postedAt: '', createdAt: t } : undefined),
    workflow: { linkToRumour: vi.fn(async () => undefined), createRumour: vi.fn(async () => 'r4') },
  };
  fake.store = store;
  return store;
}

beforeAll(() => {
  initI18n('fr');
});
afterEach(cleanup);

describe('RumourLinks', () => {
  it('lists the rumours the sighting carries, as text, and unlinks one', async () => {
    const store = setup();
    render(<RumourLinks sightingId="s1" />);
    const group = screen.getByRole('group', { name: 'Rumeurs liées' });
    expect(within(group).getByText(XSS)).toBeTruthy();
    expect(group.querySelector('img')).toBeNull();
    expect(within(group).getByText('(Fausse)')).toBeTruthy();
    fireEvent.click(within(group).getByRole('button', { name: `Délier de « ${XSS} »` }));
    await waitFor(() => expect(store.workflow.linkToRumour).toHaveBeenCalledWith('r1', ['s1'], false));
    expect(await within(group).findByRole('status')).toHaveProperty('textContent', 'Remontée déliée de la rumeur.');
  });

  it('links to an existing rumour picked by its claim (only those it does not carry yet)', async () => {
    const store = setup();
    render(<RumourLinks sightingId="s1" />);
    const picker = screen.getByLabelText('Lier à une rumeur existante') as HTMLSelectElement;
    expect([...picker.options].map((o) => o.textContent)).toEqual(['Choisir une rumeur…', 'Le pont de Moissac s’est effondré (Non vérifiée)', 'Les écoles ferment demain (Non vérifiée)']);
    const link = screen.getByRole('button', { name: 'Lier' }) as HTMLButtonElement;
    expect(link.disabled).toBe(true);
    fireEvent.change(picker, { target: { value: 'r3' } });
    fireEvent.click(link);
    await waitFor(() => expect(store.workflow.linkToRumour).toHaveBeenCalledWith('r3', ['s1']));
  });

  it('creates a rumour from the sighting: the claim is required, in French, and nothing is written without it', async () => {
    const store = setup();
    render(<RumourLinks sightingId="s1" />);
    const create = screen.getByRole('button', { name: 'Créer une rumeur avec cette remontée' });
    fireEvent.click(create);
    expect((await screen.findByRole('alert')).textContent).toBe('Écrivez la rumeur en une phrase.');
    expect(store.workflow.createRumour).not.toHaveBeenCalled();
    const claim = screen.getByLabelText('Rumeur portée par cette remontée, en une phrase');
    fireEvent.change(claim, { target: { value: '  Les pompiers ne répondent plus  ' } });
    // Enter creates it (RumourLinks has no form of its own: it may sit inside the detail panel's).
    fireEvent.keyDown(claim, { key: 'Enter' });
    await waitFor(() => expect(store.workflow.createRumour).toHaveBeenCalledWith('  Les pompiers ne répondent plus  ', ['s1']));
  });

  it('says so when the sighting carries no rumour', () => {
    setup();
    render(<RumourLinks sightingId="s9" />);
    expect(screen.getByText('Cette remontée n’est liée à aucune rumeur.')).toBeTruthy();
  });
});
