import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { ExportForm } from './ExportForm';
import { PreviewPane } from './PreviewPane';
import { DEFAULT_EXPORT_OPTIONS, reportQuery, type ExportOptions } from './export-options';
import { countByRule } from './scrub-marks';
import { useExportActions } from './use-export-actions';
import { useFocusTrap } from './use-focus-trap';
import { useIssueReplay } from './use-issue-replay';
import { useReportPreview } from './use-report-preview';
import './export-dialog.css';

/**
 * "Export…": pick a format, see the report with its filtered spots, switch rules off for this
 * export only, then save (which closes it) or copy. Scrubbing starts on with Sentry's default rules.
 * @see https://docs.sentry.io/security-legal-pii/scrubbing/server-side-scrubbing/
 */
export function ExportDialog({ issueId, title, onClose }: { issueId: number; title: string; onClose: () => void }) {
  const [options, setOptions] = useState<ExportOptions>(DEFAULT_EXPORT_OPTIONS);
  const replayId = useIssueReplay(issueId, options.format === 'json' ? options.events : 10);
  const query = reportQuery(options, replayId !== null);
  const preview = useReportPreview(issueId, query);
  const counts = preview.parts ? countByRule(preview.parts) : null;
  const actions = useExportActions(issueId, options.format, query, onClose);
  const ref = useRef<HTMLDivElement>(null);
  const onKeyDown = useFocusTrap(ref, onClose);

  return createPortal(
    <div className="export-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div className="export-dialog" role="dialog" aria-modal="true" aria-labelledby="export-title" ref={ref} tabIndex={-1}
        onKeyDown={onKeyDown} data-testid="export-dialog">
        <header className="export-head">
          <h2 id="export-title">Export bug report</h2>
          <span className="export-head-issue muted ellipsis" title={title}>{title}</span>
          <button type="button" className="btn btn-ghost btn-small export-close" onClick={onClose} aria-label="Close" data-testid="export-close">×</button>
        </header>
        <div className="export-body">
          <ExportForm options={options} onChange={setOptions} counts={counts} unchecked={preview.unchecked} replayId={replayId} />
          <PreviewPane preview={preview} format={options.format} counts={counts} />
        </div>
        <footer className="export-foot">
          {actions.error && <p className="export-error" role="alert" data-testid="export-error">{actions.error}</p>}
          {actions.fitNote && <p className="export-fit small" role="status" data-testid="export-fit">{actions.fitNote}</p>}
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="button" className="btn" onClick={() => void actions.copy()} aria-disabled={actions.busy !== null} data-testid="export-copy">
            {actions.copied ? 'Copied' : actions.busy === 'copy' ? 'Copying…' : 'Copy'}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void actions.save()} aria-disabled={actions.busy !== null} data-testid="export-save">
            {actions.busy === 'save' ? 'Saving…' : 'Save'}
          </button>
        </footer>
      </div>
    </div>,
    document.body,
  );
}
