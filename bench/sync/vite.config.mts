// Bundles the sync bench for Node (bench/run.mjs runs it): Vigie's TypeScript transports, the relay
// server and the bench's own files become out/bench-sync/{suite,peer}.mjs; every package from
// node_modules stays an import (Vite's SSR build externalises them), so y-webrtc, yjs, ws and
// @roamhq/wrtc are the very modules the app and the tests load.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir: resolve(root, 'out/bench-sync'),
    emptyOutDir: true,
    minify: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: { suite: resolve(root, 'bench/sync/suite.ts'), peer: resolve(root, 'bench/sync/peer.ts'), join: resolve(root, 'bench/sync/join.ts') },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
});
