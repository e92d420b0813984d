// Tray icon: open / quit, and the number of unread new issues (menu, tooltip everywhere, title on macOS).
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import { trayIconPng, type Rgb } from './tray-icon';
import { buildTrayMenuTemplate, trayClickOpensWindow, type TrayActions } from './tray-menu';

const ACCENT: Rgb = [124, 92, 255];
const TEMPLATE_BLACK: Rgb = [0, 0, 0];

export interface LookoutTray {
  setUnread(count: number): void;
  destroy(): void;
}

function trayImage(): NativeImage {
  // macOS tints "template" images (black + alpha) to match the menu bar.
  const mac = process.platform === 'darwin';
  const color = mac ? TEMPLATE_BLACK : ACCENT;
  const image = nativeImage.createEmpty();
  image.addRepresentation({ scaleFactor: 1, buffer: trayIconPng(16, color) });
  image.addRepresentation({ scaleFactor: 2, buffer: trayIconPng(32, color) });
  if (mac) image.setTemplateImage(true);
  return image;
}

export function createTray(actions: TrayActions): LookoutTray {
  const tray = new Tray(trayImage());
  if (trayClickOpensWindow(process.platform)) tray.on('click', () => actions.open());
  const render = (count: number): void => {
    tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenuTemplate(count, actions)));
    tray.setToolTip(count === 0 ? 'Lookout' : `Lookout: ${count} new issue${count === 1 ? '' : 's'}`);
    if (process.platform === 'darwin') tray.setTitle(count === 0 ? '' : String(count));
  };
  render(0);
  return { setUnread: render, destroy: () => tray.destroy() };
}
