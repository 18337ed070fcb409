// Every copy computes the same workflow from the same entries, whatever order they arrive in.
import { describe, expect, it } from 'vitest';
import type { Body, Entry } from '../../../src-renderer/core/records';
import { WorkflowState } from '../../../src-renderer/core/workflow-state';

const A = 'a'.repeat(43);
const B = 'b'.repeat(43);
let n = 0;
const e = (body: Record<string, unknown>): Entry => ({ id: `e${String(++n).padStart(4, '0')}`, body: body as unknown as Body });

function entries(): Entry[] {
  n = 0;
  return [
    e({ k: 'q', a: A, t: 1000, s: 's1', check: 'source', ok: true, sourceKind: 'media' }),
    e({ k: 'q', a: B, t: 2000, s: 's1', check: 'source', ok: false, note: 'compte parodique' }),
    e({ k: 'q', a: A, t: 3000, s: 's1', check: 'verdict', verdict: 'dementi', note: 'parodie' }),
    e({ k: 'f', a: A, t: 4000, s: ['s1', 's2'], msg: 'pour info' }),
    e({ k: 'y', a: B, t: 6000, f: 'e0004', action: 'sans_suite' }),
    e({ k: 'y', a: B, t: 5000, f: 'e0004' }),
    e({ k: 'y', a: B, t: 7000, f: 'e0004', action: 'transmis_mairie', note: 'mairie prévenue' }),
    e({ k: 'z', a: A, t: 1000, z: 'r1', claim: 'Le barrage a cédé', add: ['s1', 's2'] }),
    e({ k: 'z', a: B, t: 3000, z: 'r1', verdict: 'fausse', drop: ['s2'] }),
    e({ k: 'z', a: A, t: 2000, z: 'r1', verdict: 'vraie', add: ['s2', 's3'] }),
  ];
}

function snapshot(w: WorkflowState) {
  const f = w.forwardings.get('e0004');
  const r = w.rumours.get('r1')!;
  return {
    source: w.verificationOf('s1').get('source'),
    verdict: w.verificationOf('s1').get('verdict')?.verdict,
    steps: w.stepsOf('s1').map((s) => s.id),
    ack: f?.ack,
    action: f?.action,
    rumour: { ...r, sightings: [...r.sightings].sort() },
    of: w.rumoursOf('s3').map((x) => x.id),
  };
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('état du travail (vérification, transmissions, rumeurs)', () => {
  it('le dernier mot revient à l’entrée la plus récente, la première réception date l’accusé', () => {
    const w = new WorkflowState();
    for (const x of entries()) w.apply(x as never);
    const s = snapshot(w);
    expect(s.source).toMatchObject({ ok: false, actor: B, note: 'compte parodique' });
    expect(s.verdict).toBe('dementi');
    expect(s.ack).toEqual({ actor: B, at: 5000 });
    expect(s.action).toMatchObject({ action: 'transmis_mairie', at: 7000 });
    expect(s.rumour).toMatchObject({ claim: 'Le barrage a cédé', verdict: 'fausse', sightings: ['s1', 's3'], createdBy: A });
    expect(s.of).toEqual(['r1']);
  });

  it('donne le même état dans n’importe quel ordre d’arrivée', () => {
    const reference = new WorkflowState();
    for (const x of entries()) reference.apply(x as never);
    for (let seed = 1; seed <= 40; seed++) {
      const w = new WorkflowState();
      for (const x of shuffled(entries(), seed)) w.apply(x as never);
      expect(snapshot(w)).toEqual(snapshot(reference));
    }
  });
});
