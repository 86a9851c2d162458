import type { MenuItemConstructorOptions } from 'electron';

/** Reload, full screen, quit: nothing else an operator needs from the shell. */
export function menuTemplate(platform: string, actions: { openWallWindow(): void }): MenuItemConstructorOptions[] {
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'togglefullscreen' },
        { type: 'separator' },
        { label: 'Open wall window', accelerator: 'CmdOrCtrl+Shift+W', click: () => actions.openWallWindow() },
      ],
    },
    { label: 'Console', submenu: [{ role: 'quit' }] },
  ];
}
