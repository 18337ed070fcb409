import { defineConfig } from 'vitest/config';

// vitest 5's failure summary calls Map.groupBy (Node ≥ 21); this machine runs Node 20.
if (!('groupBy' in Map)) {
  Object.defineProperty(Map, 'groupBy', {
    value<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
      const out = new Map<K, T[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const list = out.get(k);
        if (list) list.push(item);
        else out.set(k, [item]);
      }
      return out;
    },
  });
}

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/main/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    // Some tests do real work (6,000-sighting imports, electron-builder's schema, random edit
    // sequences): on a shared 2-core machine 5 s is the machine's speed, not the code's.
    testTimeout: 30_000,
  },
});
