// The panes a crisis can show in place of the table, beside "Remontées", "Transmis au COD" and
// "Rumeurs" (issue #14 adds its own here: one line each, so features do not edit Workspace.tsx).
import type { ComponentType } from 'react';
import { MainCourantePane } from '../main-courante/MainCourantePane';
import { useMainCouranteStrings } from '../main-courante/strings';
import { RelayPane, useRelayLabel } from '../relay/RelayPane';
import { SituationPane } from '../situation/SituationPane';
import { useSituationStrings } from '../situation/strings';
import { ReplayPane } from '../replay/ReplayPane';
import { useReplayStrings } from '../replay/strings';

export interface PaneProps {
  /** Selects and opens a sighting in the detail panel. */
  open(id: string): void;
  /** Shows a failed command in the workspace's error banner (an Error or a French message). */
  report(error: unknown): void;
}

export interface PaneView {
  key: string;
  /** The tab's name (a hook, so it follows the language). */
  useLabel(): string;
  Pane: ComponentType<PaneProps>;
  /** The pane takes the whole width: no live map or detail beside it (it draws its own, e.g. the replay). */
  wide?: boolean;
}

export const PANE_VIEWS: readonly PaneView[] = [
  { key: 'relay', useLabel: useRelayLabel, Pane: RelayPane },
  { key: 'main-courante', useLabel: () => useMainCouranteStrings().tab, Pane: MainCourantePane },
  { key: 'situation', useLabel: () => useSituationStrings().tab, Pane: SituationPane },
  { key: 'replay', useLabel: () => useReplayStrings().tab, Pane: ReplayPane, wide: true },
];
