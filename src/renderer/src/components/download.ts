import { desktopBridge } from '../api/bridge';

/**
 * Saves a Blob under a file name: the desktop app asks where (native dialog through the
 * bridge); a browser downloads it through a temporary object URL.
 */
export function downloadBlob(blob: Blob, filename: string): void {
  const bridge = desktopBridge();
  if (bridge) {
    void blob.arrayBuffer().then((bytes) => bridge.saveFile(filename, new Uint8Array(bytes))).catch(() => downloadInPage(blob, filename));
    return;
  }
  downloadInPage(blob, filename);
}

function downloadInPage(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
