// The commune search's keyboard, as the WAI-ARIA combobox pattern (list autocomplete) has it: typing
// shows suggestions with none highlighted; ↓ highlights the first (then the next), ↑ the last (then the
// previous), wrapping; Entrée takes the highlighted suggestion, or the first (best) one when none is;
// Échap closes the list, and a second Échap clears the field. Pure, so it can be tested alone.

export type ComboAction =
  | { kind: 'none' }
  | { kind: 'highlight'; index: number }
  | { kind: 'choose'; index: number }
  | { kind: 'close' }
  | { kind: 'clear' };

/** What a key does. `active` is the highlighted suggestion (−1: none); `count` how many are shown. */
export function comboKey(key: string, active: number, count: number): ComboAction {
  if (key === 'Escape') return count > 0 ? { kind: 'close' } : { kind: 'clear' };
  if (count === 0) return { kind: 'none' };
  if (key === 'ArrowDown') return { kind: 'highlight', index: active < 0 || active >= count ? 0 : (active + 1) % count };
  if (key === 'ArrowUp') return { kind: 'highlight', index: active <= 0 || active >= count ? count - 1 : active - 1 };
  if (key === 'Enter') return { kind: 'choose', index: active >= 0 && active < count ? active : 0 };
  return { kind: 'none' };
}
