// @vitest-environment jsdom
// One error boundary per panel: a panel that throws shows a French message and "Réessayer", the
// others keep working; and a date out of range never throws "Invalid time value".
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n, setLang } from '../../../src-renderer/i18n';
import { ErrorBoundary } from '../../../src-renderer/ui/common/ErrorBoundary';
import { formatTime, isoTime, validDate } from '../../../src-renderer/ui/common/format';

// What the stubbed panels below do; each test sets it.
const panels = vi.hoisted(() => ({ failing: new Set<string>(), historyAt: 0 }));

function Panel({ name }: { name: string }) {
  if (panels.failing.has(name)) throw new Error(`panne du panneau ${name}`);
  return <p>{`${name} fonctionne`}</p>;
}

// The workspace's panels and hooks, replaced by stand-ins: the test is about how Workspace mounts them.
vi.mock('../../../src-renderer/ui/map/MapView', () => ({ MapView: () => <Panel name="carte" /> }));
vi.mock('../../../src-renderer/ui/sync/SyncBar', () => ({ SyncBar: () => <Panel name="synchro" /> }));
vi.mock('../../../src-renderer/ui/sightings/SightingsTable', () => ({ SightingsTable: () => <Panel name="tableau" /> }));
vi.mock('../../../src-renderer/ui/sightings/DetailPanel', () => ({ DetailPanel: ({ id }: { id: string }) => <Panel name={`détail ${id}`} /> }));
vi.mock('../../../src-renderer/ui/sightings/QuickCapture', () => ({ QuickCapture: () => <p>saisie rapide</p> }));
vi.mock('../../../src-renderer/ui/sightings/FiltersBar', () => ({ FiltersBar: () => <p>filtres</p> }));
vi.mock('../../../src-renderer/ui/sightings/UndoBar', () => ({ UndoBar: () => null }));
vi.mock('../../../src-renderer/ui/sync/hooks', () => ({ useViewers: () => new Map() }));
vi.mock('../../../src-renderer/ui/export/ExportControls', () => ({ ExportControls: () => <p>exports</p> }));
vi.mock('../../../src-renderer/ui/import/ImportButton', () => ({ ImportButton: () => <p>import</p> }));
vi.mock('../../../src-renderer/ui/workflow/CloseControl', () => ({ CloseControl: () => null }));
vi.mock('../../../src-renderer/ui/sightings/hooks', () => ({
  useStoreVersion: () => 0,
  useSightingList: () => ({ rows: [{ id: 'r1', lat: null, lon: null }], counts: {}, indexOf: (id: string | null) => (id === 'r1' ? 0 : -1) }),
  useHistory: () => [{ at: panels.historyAt, actor: 'a1', actorName: 'Alice', field: 'priority', before: 'P3', after: 'P1', creation: false }],
}));
vi.mock('../../../src-renderer/ui/session', () => {
  const store = {
    crisis: { id: 'c1', name: 'Crue du Tarn', departement: '82', hazard: 'inondation', closedAt: null },
    get: () => undefined,
    claimOf: () => undefined,
    member: () => undefined,
    state: { info: { closed: false } },
    update: async () => undefined,
    archive: async () => 'nouveau',
  };
  return {
    useCrisisStore: () => store,
    useSession: () => ({ leaveCrisis: async () => undefined, identity: { name: 'Alice' } }),
  };
});

const { Workspace } = await import('../../../src-renderer/ui/workspace/Workspace');
const { HistoryList } = await import('../../../src-renderer/ui/sightings/HistoryList');

const MESSAGE = /^Ce panneau a rencontré une erreur \((.+)\)\. Le reste de Vigie continue de fonctionner\.$/;

beforeAll(() => {
  initI18n('fr');
});
beforeEach(() => {
  panels.failing.clear();
  panels.historyAt = Date.UTC(2026, 10, 23, 8, 30);
  // React reports each caught error on the console; the tests look at the page instead.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  setLang('fr');
});

describe('ErrorBoundary', () => {
  it('shows the French message and "Réessayer" in place of the failing panel only', () => {
    panels.failing.add('carte');
    render(
      <>
        <ErrorBoundary panel="Carte">
          <Panel name="carte" />
        </ErrorBoundary>
        <ErrorBoundary panel="Tableau des remontées">
          <Panel name="tableau" />
        </ErrorBoundary>
      </>,
    );
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText(MESSAGE).textContent).toBe('Ce panneau a rencontré une erreur (Carte). Le reste de Vigie continue de fonctionner.');
    expect(within(alert).getByRole('button', { name: 'Réessayer' })).toBeTruthy();
    expect(within(alert).getByText('panne du panneau carte')).toBeTruthy();
    expect(screen.getByText('tableau fonctionne')).toBeTruthy();
    expect(screen.queryByText('carte fonctionne')).toBeNull();
  });

  it('renders the panel again on "Réessayer", and again shows the message if it still fails', () => {
    panels.failing.add('carte');
    render(
      <ErrorBoundary panel="Carte">
        <Panel name="carte" />
      </ErrorBoundary>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(screen.getByRole('alert')).toBeTruthy();
    panels.failing.clear();
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('carte fonctionne')).toBeTruthy();
  });

  it('tries again by itself when its reset key changes', () => {
    panels.failing.add('détail');
    const { rerender } = render(
      <ErrorBoundary panel="Détail" resetKey="a">
        <Panel name="détail" />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toBeTruthy();
    panels.failing.clear();
    rerender(
      <ErrorBoundary panel="Détail" resetKey="b">
        <Panel name="détail" />
      </ErrorBoundary>,
    );
    expect(screen.getByText('détail fonctionne')).toBeTruthy();
  });

  it('speaks English when the interface does', () => {
    panels.failing.add('carte');
    act(() => setLang('en'));
    render(
      <ErrorBoundary panel="Map">
        <Panel name="carte" />
      </ErrorBoundary>,
    );
    expect(screen.getByText('This panel ran into an error (Map). The rest of Vigie keeps working.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

describe('Workspace panels', () => {
  it('keeps the table, the sync bar and the top bar when the map fails', async () => {
    panels.failing.add('carte');
    const { container } = render(<Workspace />);
    // The map mounts once the table has painted (ui/common/after-paint.ts), in a task of its own.
    expect(container.querySelector('.map-pane')?.childElementCount).toBe(0);
    expect(screen.getByText('tableau fonctionne')).toBeTruthy();
    const alerts = await screen.findAllByRole('alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].textContent).toContain('Ce panneau a rencontré une erreur (Carte).');
    expect(alerts[0].closest('.map-pane')).not.toBeNull();
    expect(screen.getByText('tableau fonctionne')).toBeTruthy();
    expect(screen.getByText('synchro fonctionne')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Crue du Tarn' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Masquer la carte' })).toBeTruthy();
  });

  it.each([
    ['tableau', 'Tableau des remontées'],
    ['synchro', 'Barre de synchronisation'],
  ])('isolates the %s panel', async (failing, label) => {
    panels.failing.add(failing);
    render(<Workspace />);
    expect(await screen.findByText('carte fonctionne')).toBeTruthy();
    const [alert] = screen.getAllByRole('alert');
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(alert.textContent).toContain(`Ce panneau a rencontré une erreur (${label}).`);
    for (const other of ['tableau', 'synchro'].filter((name) => name !== failing)) expect(screen.getByText(`${other} fonctionne`)).toBeTruthy();
  });

  it('isolates the detail panel, which tries again when another sighting is opened', async () => {
    panels.failing.add('détail r1');
    render(<Workspace />);
    await screen.findByText('carte fonctionne');
    // Opening the detail: the stubbed table does not, so use the keyboard (↓ selects, Entrée opens).
    fireEvent.keyDown(window, { key: 'ArrowDown' });
    fireEvent.keyDown(window, { key: 'Enter' });
    const [alert] = screen.getAllByRole('alert');
    expect(alert.textContent).toContain('Ce panneau a rencontré une erreur (Détail de la remontée).');
    expect(screen.getByText('tableau fonctionne')).toBeTruthy();
    expect(screen.getByText('carte fonctionne')).toBeTruthy();
    panels.failing.clear();
    fireEvent.click(within(alert).getByRole('button', { name: 'Réessayer' }));
    expect(screen.getByText('détail r1 fonctionne')).toBeTruthy();
  });
});

describe('dates out of range', () => {
  it.each([1e300, -1e300, 8.64e15 + 1, Number.NaN, Number.POSITIVE_INFINITY])('shows %s as "date invalide", never throws', (ms) => {
    expect(formatTime(ms, 'fr')).toBe('date invalide');
    expect(formatTime(ms, 'fr', true)).toBe('date invalide');
    expect(formatTime(ms, 'en')).toBe('invalid date');
    expect(isoTime(ms)).toBeUndefined();
    expect(validDate(ms)).toBeNull();
  });

  it('still formats real times', () => {
    const at = Date.UTC(2026, 10, 23, 8, 30);
    expect(formatTime(at, 'fr')).toMatch(/^23\/11 \d\d:30$/);
    expect(isoTime(at)).toBe('2026-11-23T08:30:00.000Z');
    expect(formatTime(8.64e15, 'fr')).not.toBe('date invalide');
  });

  it('renders a history line dated 1e300 instead of failing the detail panel', () => {
    panels.historyAt = 1e300;
    render(<HistoryList id="r1" />);
    const time = screen.getByText('date invalide');
    expect(time.tagName).toBe('TIME');
    expect(time.getAttribute('datetime')).toBeNull();
    expect(screen.getByText('Alice')).toBeTruthy();
  });
});
