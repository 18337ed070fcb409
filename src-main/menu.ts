// A short French menu. Roles give the platform's own behaviour and shortcuts; only labels are ours.
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function buildMenuTemplate(options: { isPackaged: boolean; isMac: boolean }): MenuItemConstructorOptions[] {
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
    { label: 'Fichier', submenu: [{ role: options.isMac ? 'close' : 'quit', label: options.isMac ? 'Fermer' : 'Quitter' }] },
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

export function installMenu(options: { isPackaged: boolean; isMac: boolean }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
