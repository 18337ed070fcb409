// Progress of a long import, as the UI shows it (the slicing itself: core/slicer.ts).

/** Progress as the UI shows it: a phase and done/total in that phase. */
export interface Progress {
  phase: 'read' | 'analyse' | 'write';
  done: number;
  total: number;
}
export type OnProgress = (p: Progress) => void;
