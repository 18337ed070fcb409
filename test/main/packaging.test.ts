// The installers' configuration (electron-builder.json, `npm run package`): checked against
// electron-builder's own schema, with the Electron fuses that close the ways of running code in an
// installed Vigie other than its own signed app.asar. Building installers needs the Electron
// download, so it is not run here; the configuration it would use is.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const config = JSON.parse(readFileSync(new URL('electron-builder.json', root), 'utf8'));
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const require = createRequire(import.meta.url);

describe('packaging', () => {
  it('flips the fuses: no run-as-node, no NODE_OPTIONS, no --inspect, app.asar only and checked', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The page is served from app://, so file:// needs none of its old privileges.
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
    // Integrity validation means nothing without an asar archive (and its embedded hash).
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toBeUndefined();
  });

  it('is a valid electron-builder configuration', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util/out/DebugLogger.js');
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    // The validator does reject what is wrong (so the line above proves something).
    const broken = structuredClone(config);
    broken.electronFuses.runAsNod = false;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/configuration/);
  });

  it('ships only the built app, not sources, tests or the installers themselves', () => {
    expect(config.files).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']);
    expect(config.directories.output).toBe('out/package');
    expect(config.protocols).toEqual([{ name: 'Invitation Vigie', schemes: ['vigie'] }]);
  });

  it('builds with `npm run package`, never publishing anywhere', () => {
    expect(pkg.scripts.package).toBe('electron-vite build && electron-builder --config electron-builder.json --publish never');
    // CI runs the tests, not the packaging (it needs the Electron download).
    expect(pkg.scripts.test).not.toContain('package');
  });

  it('pins Electron to one exact 45.x release, as a build tool', () => {
    expect(pkg.devDependencies.electron).toMatch(/^45\.\d+\.\d+$/);
    expect(pkg.dependencies.electron).toBeUndefined();
    expect(pkg.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(require('electron/package.json').version).toBe(pkg.devDependencies.electron);
  });
});
