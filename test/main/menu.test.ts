import { describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./electron-fake')).createElectronFake());
vi.mock('electron', () => electron);

const { buildMenuTemplate } = await import('../../src-main/menu');

const roles = (template: ReturnType<typeof buildMenuTemplate>): string[] =>
  template.flatMap((item) => [item.role ?? '', ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]).filter(Boolean);

describe('menu', () => {
  it('has the four French menus', () => {
    const labels = buildMenuTemplate({ isPackaged: true, isMac: false }).map((item) => item.label);
    expect(labels).toEqual(['Fichier', 'Édition', 'Affichage', 'Aide']);
  });

  it('offers developer tools only in development', () => {
    expect(roles(buildMenuTemplate({ isPackaged: true, isMac: false }))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate({ isPackaged: false, isMac: false }))).toContain('toggleDevTools');
  });
});

describe('menu Fichier', () => {
  it('« Exporter la carte publique… » demande à la page d’ouvrir la revue', () => {
    let asked = 0;
    const file = buildMenuTemplate({ isPackaged: true, isMac: false, onExportPublicMap: () => asked++ }).find((m) => m.label === 'Fichier')!;
    const item = (file.submenu as { label?: string; click?: () => void }[]).find((i) => i.label === 'Exporter la carte publique…')!;
    item.click!();
    expect(asked).toBe(1);
  });
});
