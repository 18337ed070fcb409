// `npm start`: build, then open Vigie in Electron; where the Electron binary can't be obtained
// (no internet to download it), serve the same build to a local browser window instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PORT, serveWeb } from './serve-web.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Long enough for a first download on a slow line, short enough not to hang on a dead route.
const ELECTRON_PROBE_TIMEOUT_MS = 60_000;

function build() {
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The Electron binary's path, or null. require('electron') downloads it on first use, which
 *  fails (or hangs) offline; a child process keeps that failure and its output away from us. */
function findElectron() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write('\\n' + require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: ELECTRON_PROBE_TIMEOUT_MS,
  });
  const path = probe.status === 0 ? probe.stdout.trim().split('\n').pop() : undefined;
  return path && existsSync(path) ? path : null;
}

function runElectron(electron) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node, without a window
  const child = spawn(electron, ['.'], { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 1));
}

function appDataDir() {
  if (process.platform === 'win32') return process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
}

function findOnPath(name) {
  if (name.includes('/') || name.includes('\\')) return existsSync(name) ? name : null;
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return dirs.map((dir) => join(dir, name)).find((candidate) => existsSync(candidate)) ?? null;
}

function findChromium() {
  const programFiles = [process.env.ProgramFiles, process.env['ProgramFiles(x86)'], process.env.LOCALAPPDATA];
  const candidates = {
    linux: ['/usr/bin/chromium', 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'],
    darwin: [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ],
    win32: programFiles.filter(Boolean).flatMap((dir) => [
      join(dir, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(dir, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]),
  }[process.platform] ?? [];
  return candidates.map(findOnPath).find(Boolean) ?? null;
}

function launch(command, args) {
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined); // the address is printed already; nothing else to do
  child.unref();
}

/** Opens the app in a Chromium window of its own (its own profile, so data persists), if possible. */
function openBrowser(url) {
  if (process.env.CI === 'true') return;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  // Chromium refuses to run as root without dropping its sandbox; the printed address will do.
  if (process.getuid?.() === 0) return;
  const chromium = findChromium();
  if (chromium) {
    const profile = join(appDataDir(), 'vigie-web');
    const flags = ['--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
    launch(chromium, [`--app=${url}`, ...flags, `--user-data-dir=${profile}`]);
  } else if (process.platform === 'darwin') {
    launch('open', [url]);
  } else if (process.platform === 'win32') {
    launch('cmd', ['/c', 'start', '', url]);
  }
}

async function startWeb() {
  const requested = process.env.VIGIE_PORT ? Number(process.env.VIGIE_PORT) : undefined;
  if (requested !== undefined && !(Number.isInteger(requested) && requested > 0 && requested < 65536)) {
    throw new Error(`VIGIE_PORT invalide : ${process.env.VIGIE_PORT}`);
  }
  const port = requested ?? DEFAULT_PORT;
  // An explicit port is taken as is; the default one moves on if busy.
  const server = await serveWeb({ root: join(root, 'out', 'renderer'), port, strictPort: requested !== undefined });
  console.log(
    `Electron indisponible sur cette machine (téléchargement impossible) : Vigie s'ouvre en version web sur ${server.url}` +
      ` — Electron unavailable on this machine (download impossible): Vigie opens as a web app at ${server.url}`,
  );
  if (server.port !== port) {
    // The browser keeps data per address: another port shows another (empty) copy of the data.
    console.log(`Attention : le port ${port} est occupé ; à cette adresse, les données locales sont distinctes.`);
  }
  openBrowser(server.url);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close().then(() => process.exit(0)));
}

build();
const electron = findElectron();
if (electron) runElectron(electron);
else await startWeb();
