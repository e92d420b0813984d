import { desktopBridge } from '../../../api/bridge';
import { downloadBlob } from '../../../components/download';

export type SaveOutcome = { saved: true; path: string | null } | { saved: false; error: string | null };

/**
 * Desktop: the native save dialog through the bridge (`saveFile`), which tells where it went or
 * that the user cancelled. Browser: a download under the server's file name.
 */
export async function saveReport(blob: Blob, filename: string): Promise<SaveOutcome> {
  const bridge = desktopBridge();
  if (!bridge) {
    downloadBlob(blob, filename);
    return { saved: true, path: null };
  }
  const result = await bridge.saveFile(filename, new Uint8Array(await blob.arrayBuffer()));
  return result.saved ? { saved: true, path: result.path } : { saved: false, error: result.error ?? null };
}
