// The commune search's keyboard (WAI-ARIA combobox, list autocomplete): nothing highlighted until ↓ or ↑.
import { describe, expect, it } from 'vitest';
import { comboKey } from '../../../src-renderer/ui/map/combobox-keys';

/** Plays keys from "nothing highlighted" and returns the last action, as CommuneSearch applies them. */
function play(keys: string[], count: number) {
  let active = -1;
  let last = comboKey('', active, count);
  for (const key of keys) {
    last = comboKey(key, active, count);
    if (last.kind === 'highlight') active = last.index;
  }
  return last;
}

describe('recherche de commune au clavier', () => {
  it('« montauban », ↓, Entrée choisit la première suggestion, pas la deuxième', () => {
    expect(play(['ArrowDown', 'Enter'], 5)).toEqual({ kind: 'choose', index: 0 });
  });

  it('Entrée sans rien surligné prend la première suggestion ; ↓ ↓ Entrée la deuxième', () => {
    expect(play(['Enter'], 5)).toEqual({ kind: 'choose', index: 0 });
    expect(play(['ArrowDown', 'ArrowDown', 'Enter'], 5)).toEqual({ kind: 'choose', index: 1 });
  });

  it('↑ part de la dernière, et les flèches bouclent', () => {
    expect(play(['ArrowUp'], 5)).toEqual({ kind: 'highlight', index: 4 });
    expect(play(['ArrowUp', 'ArrowDown'], 5)).toEqual({ kind: 'highlight', index: 0 });
    expect(play(['ArrowDown', 'ArrowUp'], 5)).toEqual({ kind: 'highlight', index: 4 });
    expect(play(['ArrowDown', 'ArrowDown', 'ArrowDown'], 2)).toEqual({ kind: 'highlight', index: 0 });
  });

  it('une liste qui a raccourci ne laisse pas Entrée choisir hors de la liste', () => {
    expect(comboKey('Enter', 6, 3)).toEqual({ kind: 'choose', index: 0 });
    expect(comboKey('ArrowDown', 6, 3)).toEqual({ kind: 'highlight', index: 0 });
  });

  it('Échap ferme la liste, puis vide le champ ; sans suggestion les flèches et Entrée ne font rien', () => {
    expect(comboKey('Escape', 0, 4)).toEqual({ kind: 'close' });
    expect(comboKey('Escape', -1, 0)).toEqual({ kind: 'clear' });
    for (const key of ['ArrowDown', 'ArrowUp', 'Enter', 'a']) expect(comboKey(key, -1, 0)).toEqual({ kind: 'none' });
    expect(comboKey('a', 1, 4)).toEqual({ kind: 'none' });
  });
});
