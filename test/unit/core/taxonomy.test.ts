import { describe, expect, it } from 'vitest';
import { CATEGORY_LABELS, STATUS_LABELS } from '../../../src-renderer/core/labels';
import { CATEGORIES, STATUSES, TRANSITIONS, canTransition } from '../../../src-renderer/core/taxonomy';

describe('statuts et transitions', () => {
  it('permet d’archiver depuis tout statut et de désarchiver vers tout statut', () => {
    for (const s of STATUSES) if (s !== 'archive') {
      expect(canTransition(s, 'archive')).toBe(true);
      expect(canTransition('archive', s)).toBe(true);
    }
  });
  it('refuse les passages qui n’ont pas de sens', () => {
    expect(canTransition('traite', 'nouveau')).toBe(false);
    expect(canTransition('doublon', 'confirme')).toBe(false);
    expect(canTransition('nouveau', 'traite')).toBe(false);
  });
  it('ne cite que des statuts connus', () => {
    for (const [from, tos] of Object.entries(TRANSITIONS)) {
      expect(STATUSES).toContain(from);
      for (const to of tos) expect(STATUSES).toContain(to);
    }
  });
  it('nomme chaque catégorie et chaque statut en français et en anglais', () => {
    for (const c of CATEGORIES) expect(CATEGORY_LABELS[c].fr && CATEGORY_LABELS[c].en).toBeTruthy();
    for (const s of STATUSES) expect(STATUS_LABELS[s].fr && STATUS_LABELS[s].en).toBeTruthy();
    expect(STATUS_LABELS.dementi.fr).toBe('Démenti (rumeur)');
  });
});
