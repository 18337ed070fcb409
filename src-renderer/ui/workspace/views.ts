// The panes a crisis can show in place of the table, beside "Remontées", "Transmis au COD" and
// "Rumeurs" (issue #14 adds its own here: one line each, so features do not edit Workspace.tsx). A pane
// imports its props from pane.ts, never this file (which imports the panes).
import type { PaneView } from './pane';
import { MainCourantePane } from '../main-courante/MainCourantePane';
import { useMainCouranteStrings } from '../main-courante/strings';
import { RelayPane, useRelayLabel } from '../relay/RelayPane';
import { SituationPane } from '../situation/SituationPane';
import { useSituationStrings } from '../situation/strings';
import { ReplayPane } from '../replay/ReplayPane';
import { useReplayStrings } from '../replay/strings';

export const PANE_VIEWS: readonly PaneView[] = [
  { key: 'relay', useLabel: useRelayLabel, Pane: RelayPane },
  { key: 'main-courante', useLabel: () => useMainCouranteStrings().tab, Pane: MainCourantePane },
  { key: 'situation', useLabel: () => useSituationStrings().tab, Pane: SituationPane },
  { key: 'replay', useLabel: () => useReplayStrings().tab, Pane: ReplayPane, wide: true },
];
