// The keyboard of a volunteer on watch: N new, / search, arrows move, Enter opens, 1–4 priority,
// S changes the status, Delete archives, Ctrl+Z takes the archive back, Escape closes the detail (or
// the full-screen map). Nothing fires while typing in a field: "n" typed in the link field is an "n".
// The keys that act on the selected sighting (arrows, Enter, 1–4, S, Delete) act only from the table or
// the bare page, so a key pressed on the map, a button or the detail panel does not change a sighting
// behind the user's back.
import { useEffect, useRef } from 'react';
import type { Priority } from '../../core/taxonomy';

export interface ShortcutActions {
  newSighting(): void;
  search(): void;
  /** Moves the selection by delta rows (±Infinity: first or last row). */
  move(delta: number): void;
  /** Moves the selection by one screen of rows. */
  page(direction: 1 | -1): void;
  open(): void;
  setPriority(p: Priority): void;
  archive(): void;
  /** Takes the newest archive back; false when there is none to take back. */
  undo(): boolean;
  closeDetail(): void;
  /** S: change the selected sighting's status (ui/workflow/StatusDialog.tsx). */
  changeStatus(): void;
}

export function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** The bare page or the table: where the selection keys mean "the selected sighting". */
function onTable(target: EventTarget | null): boolean {
  if (!(target instanceof Element) || target === document.body || target === document.documentElement) return true;
  return !!target.closest('[role=grid]');
}

export function useShortcuts(actions: ShortcutActions): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = ref.current;
      if (e.key === 'Escape') return a.closeDetail();
      if (typing(e.target) || e.altKey) return;
      const handled = () => e.preventDefault();
      if (e.ctrlKey || e.metaKey) {
        // Ctrl+Z in a field is the field's own undo (left alone above).
        if (e.key.toLowerCase() === 'z' && !e.shiftKey && a.undo()) handled();
        return;
      }
      switch (e.key) {
        case 'n':
        case 'N':
          handled();
          return a.newSighting();
        case '/':
          handled();
          return a.search();
      }
      if (!onTable(e.target)) return;
      switch (e.key) {
        case 'ArrowDown':
          handled();
          return a.move(1);
        case 'ArrowUp':
          handled();
          return a.move(-1);
        case 'Home':
          handled();
          return a.move(-Infinity);
        case 'End':
          handled();
          return a.move(Infinity);
        case 'PageDown':
          handled();
          return a.page(1);
        case 'PageUp':
          handled();
          return a.page(-1);
        case 'Enter':
          if ((e.target as HTMLElement | null)?.tagName === 'BUTTON') return;
          handled();
          return a.open();
        case '1':
        case '2':
        case '3':
        case '4':
          handled();
          return a.setPriority(`P${e.key}` as Priority);
        case 's':
        case 'S':
          handled();
          return a.changeStatus();
        case 'Delete':
          handled();
          return a.archive();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
