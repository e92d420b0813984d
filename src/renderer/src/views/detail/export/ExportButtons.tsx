import { useState } from 'react';
import { api } from '../../../api/instance';
import { copyText } from '../../../components/clipboard';
import { messageOf } from '../../../lib/errors';
import { useStore } from '../../../store';
import { ExportDialog } from './ExportDialog';
import { trimmedNote } from './trimmed-note';

/** The issue header's "Copy as Markdown" (scrubbed by the default rules) and "Export…". */
export function ExportButtons({ issueId, title }: { issueId: number; title: string }) {
  const toast = useStore((s) => s.toast);
  const [open, setOpen] = useState(false);
  const [copy, setCopy] = useState<'idle' | 'busy' | 'copied' | 'trimmed'>('idle');

  const copyMarkdown = async (): Promise<void> => {
    if (copy === 'busy') return;
    setCopy('busy');
    try {
      // Pasted into an issue: trimmed to fit GitHub's limit, and the user is told what was left out.
      const { blob, fit } = await api().issueReport(issueId, 'md', { fit: true });
      if (!(await copyText(await blob.text()))) throw new Error('the clipboard refused the text');
      const note = trimmedNote(fit);
      if (note) toast('info', `Copied. ${note.replace('Save writes', 'Export… → Save writes')}`);
      setCopy(note ? 'trimmed' : 'copied');
      window.setTimeout(() => setCopy('idle'), note ? 4000 : 1500);
    } catch (err) {
      setCopy('idle');
      toast('error', `Copy failed: ${messageOf(err)}`);
    }
  };

  return (
    <div className="export-buttons">
      <button type="button" className="btn" onClick={() => void copyMarkdown()} aria-disabled={copy === 'busy'} data-testid="copy-markdown"
        title="Copy the bug report as Markdown, filtered by the default rules">
        {copy === 'copied' ? 'Copied' : copy === 'trimmed' ? 'Copied (trimmed)' : 'Copy as Markdown'}
      </button>
      <button type="button" className="btn" onClick={() => setOpen(true)} aria-haspopup="dialog" data-testid="export-open">Export…</button>
      {open && <ExportDialog issueId={issueId} title={title} onClose={() => setOpen(false)} />}
    </div>
  );
}
