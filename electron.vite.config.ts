import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// main / preload / renderer, as in the electron-vite templates, with the design card's folders.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Two programs: the desktop shell (out/main/index.js, package.json "main") and the standalone LAN
      // relay (out/main/relay.js, npm run relay), which must never import electron.
      lib: {
        entry: {
          index: resolve(__dirname, 'src-main/index.ts'),
          relay: resolve(__dirname, 'src-main/services/relay-cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(__dirname, 'src-main/preload.ts'), formats: ['cjs'] },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    // Relative asset paths: the same build is served as app://vigie/ in Electron (src-main/app-protocol.ts,
    // never file://) and from http:// in a browser.
    base: './',
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified; the same bundle is also served to browsers.
      minify: true,
      // One bundle read from disk (or the LAN), never over the internet: splitting buys little.
      chunkSizeWarningLimit: 4000,
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
    plugins: [react()],
  },
});
