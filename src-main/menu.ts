// A short French menu. Roles give the platform's own behaviour and shortcuts; only labels are ours.
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  isPackaged: boolean;
  isMac: boolean;
  /** "Exporter la carte publique…": asks the page to open its review dialog. */
  onExportPublicMap?: () => void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: 'Recharger' },
    { type: 'separator' },
    { role: 'resetZoom', label: 'Taille réelle' },
    { role: 'zoomIn', label: 'Zoom avant' },
    { role: 'zoomOut', label: 'Zoom arrière' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Plein écran' },
  ];
  // Developer tools only in development: in the field they would be one more way to run code.
  if (!options.isPackaged) view.push({ type: 'separator' }, { role: 'toggleDevTools', label: 'Outils de développement' });

  return [
    ...(options.isMac ? [{ role: 'appMenu' } as const] : []),
    {
      label: 'Fichier',
      submenu: [
        { label: 'Exporter la carte publique…', accelerator: 'CmdOrCtrl+Shift+E', click: () => options.onExportPublicMap?.() },
        { type: 'separator' },
        { role: options.isMac ? 'close' : 'quit', label: options.isMac ? 'Fermer' : 'Quitter' },
      ],
    },
    {
      label: 'Édition',
      submenu: [
        { role: 'undo', label: 'Annuler' },
        { role: 'redo', label: 'Rétablir' },
        { type: 'separator' },
        { role: 'cut', label: 'Couper' },
        { role: 'copy', label: 'Copier' },
        { role: 'paste', label: 'Coller' },
        { role: 'selectAll', label: 'Tout sélectionner' },
      ],
    },
    { label: 'Affichage', submenu: view },
    { label: 'Aide', role: 'help', submenu: [{ role: 'about', label: 'À propos de Vigie' }] },
  ];
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
