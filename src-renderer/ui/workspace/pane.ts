// What a pane of the workspace gets, and how views.ts lists one.
import type { ComponentType } from 'react';

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
