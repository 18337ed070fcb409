// Builds the real app and the bench page together, so both are served from one origin and share
// one IndexedDB: the bench writes a crisis into 'vigie' that the app then opens cold.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: false, // run.mjs copies the app's favicon next to its page
  plugins: [react()],
  build: {
    outDir: resolve(root, 'out/bench'),
    emptyOutDir: true,
    reportCompressedSize: false,
    // BENCH_MINIFY=0: readable function names in CPU profiles (BENCH_CPU_PROFILE, BENCH_JOIN_CPUPROFILES in run.mjs).
    minify: process.env.BENCH_MINIFY !== '0',
    rollupOptions: {
      input: { app: resolve(root, 'src-renderer/index.html'), bench: resolve(root, 'bench/page/index.html') },
    },
  },
});
