// The keyboard of a volunteer on watch: N new, / search, arrows move, Enter opens, 1–4 priority,
// S changes the status, Delete archives, Escape closes the detail. Letters never fire while typing in a field.
import { useEffect, useRef } from 'react';
import type { Priority } from '../../core/taxonomy';

export interface ShortcutActions {
  newSighting(): void;
  search(): void;
  move(delta: number): void;
  open(): void;
  setPriority(p: Priority): void;
  archive(): void;
  closeDetail(): void;
  /** S: change the selected sighting's status (ui/workflow/StatusDialog.tsx). */
  changeStatus(): void;
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function useShortcuts(actions: ShortcutActions): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = ref.current;
      if (e.key === 'Escape') return a.closeDetail();
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const handled = () => e.preventDefault();
      switch (e.key) {
        case 'n':
        case 'N':
          handled();
          return a.newSighting();
        case '/':
          handled();
          return a.search();
        case 'ArrowDown':
          handled();
          return a.move(1);
        case 'ArrowUp':
          handled();
          return a.move(-1);
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
