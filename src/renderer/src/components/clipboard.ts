import { desktopBridge } from '../api/bridge';

/** Copies text (desktop bridge, else the Clipboard API, else a hidden textarea). */
export async function copyText(text: string): Promise<boolean> {
  try {
    const bridge = desktopBridge();
    if (bridge) {
      await bridge.copyToClipboard(text);
      return true;
    }
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch { /* fall back below */ }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand('copy'); } catch { ok = false; }
  area.remove();
  return ok;
}
