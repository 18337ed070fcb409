// The main courante across copies: free lines and corrections are signed entries every copy checks;
// the forwarding and its acknowledgement appear by themselves, once, on both copies.
import { describe, expect, it } from 'vitest';
import { RuleError } from '../../../src-renderer/store/crisis-store';
import { MainCouranteError } from '../../../src-renderer/store/main-courante-commands';
import { syncDocs, twoCopies } from './helpers';

describe('main courante', () => {
  it('une décision, une transmission et son accusé apparaissent sur les deux copies ; une correction garde l’ancienne', async () => {
    const { a, b } = await twoCopies(); // a: Alice (coordinatrice, creator) · b: Bob (COD)
    const s = await a.create({ text: 'Deux personnes sur un toit', priority: 'P1' });
    await a.workflow.forward([s.id], 'à traiter');
    const fid = a.state.workflow.forwardingsOf(s.id)[0]!.id;
    await syncDocs(a, b);
    await b.workflow.acknowledge(fid);
    await b.mainCourante.add('decision', '  Ouverture du gymnase de Moissac  ');
    await syncDocs(a, b);
    for (const copy of [a, b]) {
      const lines = copy.state.log.lines();
      expect(lines.filter((l) => l.kind === 'f')).toHaveLength(1);
      expect(lines.find((l) => l.kind === 'y')).toMatchObject({ author: b.me.id, fact: { what: 'ack', forwarding: fid } });
      expect(lines.find((l) => l.kind === 'l')).toMatchObject({ author: b.me.id, type: 'decision', text: 'Ouverture du gymnase de Moissac' });
    }
    const decision = b.state.log.lines().find((l) => l.kind === 'l')!;
    await a.mainCourante.correct(decision.id, 'decision', 'Ouverture du gymnase de Castelsarrasin');
    await syncDocs(a, b);
    expect(b.state.log.get(decision.id)?.text).toBe('Ouverture du gymnase de Moissac');
    expect(b.state.log.correctionsOf(decision.id)).toMatchObject([{ author: a.me.id, text: 'Ouverture du gymnase de Castelsarrasin', fix: decision.id }]);
    expect(b.state.log.lines().map((l) => l.id)).toEqual(a.state.log.lines().map((l) => l.id));
  });

  it('refuse en français un texte vide ou trop long, une entrée inconnue ou automatique; la main courante continue quand la crise est close', async () => {
    const { a } = await twoCopies();
    const before = a.state.log.size;
    await expect(a.mainCourante.add('information', '   ')).rejects.toThrow(MainCouranteError);
    await expect(a.mainCourante.add('information', 'x'.repeat(4001))).rejects.toThrow(/4000 caractères au plus/);
    await expect(a.mainCourante.add('rumeur' as never, 'texte')).rejects.toThrow(MainCouranteError);
    await expect(a.mainCourante.correct('inconnue', 'information', 'texte')).rejects.toThrow('introuvable');
    const auto = a.state.log.lines().find((l) => l.kind === 'm')!;
    await expect(a.mainCourante.correct(auto.id, 'information', 'texte')).rejects.toThrow('Seule une entrée saisie se corrige');
    expect(a.state.log.size).toBe(before);
    await a.workflow.setClosed(true);
    expect(a.state.log.lines().at(-1)?.fact).toEqual({ what: 'closed', closed: true });
    // Closed: a capture is refused, the COD's log goes on (archive, purge, debriefing).
    await expect(a.create({ text: 'après la clôture' })).rejects.toThrow(RuleError);
    await a.mainCourante.add('information', 'archive exportée');
    expect(a.state.log.lines().at(-1)?.text).toBe('archive exportée');
  });
});
