/**
 * `openInEditor` for the bridge. The core server already owns "open in editor" (editor choice in
 * its settings, source roots, refusing files outside them), so main asks it rather than keeping a
 * second implementation: `POST /_lookout/api/open`.
 */
import type { OpenInEditorResult } from '../shared/ipc-contract';

function reason(body: string, status: number): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null) {
      for (const key of ['detail', 'error', 'message']) {
        const value = (parsed as Record<string, unknown>)[key];
        if (typeof value === 'string' && value !== '') return value;
      }
    }
  } catch {
    // Not JSON: use the text as is.
  }
  return body.trim() || `HTTP ${status}`;
}

export async function openInEditorViaCore(coreUrl: string, file: string, line: number, col: number): Promise<OpenInEditorResult> {
  try {
    const response = await fetch(`${coreUrl}/_lookout/api/open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ file, line, col }),
    });
    if (response.ok) return { ok: true, via: 'editor' };
    return { ok: false, error: reason(await response.text(), response.status) };
  } catch (error) {
    return { ok: false, error: `The Lookout server did not answer: ${error instanceof Error ? error.message : String(error)}` };
  }
}
