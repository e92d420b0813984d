import { useRef, useState } from 'react';
import { api } from '../../../api/instance';
import type { ReportFormat, ReportQuery } from '../../../api/client';
import { copyText } from '../../../components/clipboard';
import { messageOf } from '../../../lib/errors';
import { useStore } from '../../../store';
import { saveReport } from './save-report';
import { trimmedNote } from './trimmed-note';

export interface ExportActions {
  busy: 'save' | 'copy' | null;
  copied: boolean;
  /** Why the last Save or Copy failed, shown in the dialog (cleared by the next attempt). */
  error: string | null;
  /** What Copy trimmed of a Markdown report over GitHub's issue limit (Save keeps it whole); null when nothing was. */
  fitNote: string | null;
  save: () => Promise<void>;
  copy: () => Promise<void>;
}

/**
 * Save and Copy read the report afresh with the dialog's options (never the marked preview), so
 * what leaves is exactly what the API renders for those rules. A saved report is done with:
 * `onSaved` (closing the dialog) runs; a failed one keeps the dialog, with the error in it; a
 * cancelled native save dialog is neither.
 */
export function useExportActions(issueId: number, format: ReportFormat, query: ReportQuery, onSaved: () => void = () => undefined): ExportActions {
  const toast = useStore((s) => s.toast);
  const [busy, setBusy] = useState<ExportActions['busy']>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fitNote, setFitNote] = useState<string | null>(null);

  // Buttons stay enabled while busy (a disabled button drops focus out of the dialog); a second
  // click is ignored here instead.
  const running = useRef(false);
  const run = async (kind: 'save' | 'copy', work: () => Promise<void>): Promise<void> => {
    if (running.current) return;
    running.current = true;
    setBusy(kind);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(`Export failed: ${messageOf(err)}`);
      toast('error', `Export failed: ${messageOf(err)}`);
    } finally { running.current = false; setBusy(null); }
  };

  const save = (): Promise<void> => run('save', async () => {
    const { blob, filename } = await api().issueReport(issueId, format, query);
    const out = await saveReport(blob, filename);
    if (out.saved) {
      toast('success', out.path ? `Saved to ${out.path}` : `Downloaded ${filename}`);
      onSaved();
    } else if (out.error) {
      setError(`Could not save: ${out.error}`);
      toast('error', `Could not save: ${out.error}`);
    }
  });

  const copy = (): Promise<void> => run('copy', async () => {
    // Copied Markdown is pasted into an issue: it is trimmed to fit GitHub's limit (Save keeps the full report).
    const { blob, fit } = await api().issueReport(issueId, format, format === 'md' ? { ...query, fit: true } : query);
    if (!(await copyText(await blob.text()))) throw new Error('the clipboard refused the text');
    setFitNote(trimmedNote(fit));
    setCopied(true);
    window.setTimeout(() => setCopied(false), 1500);
  });

  return { busy, copied, error, fitNote, save, copy };
}
