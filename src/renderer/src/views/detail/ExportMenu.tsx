import { api } from '../../api/instance';
import type { ReportFormat } from '../../api/client';
import { downloadBlob } from '../../components/download';
import { messageOf } from '../../lib/errors';
import { useStore } from '../../store';

const FORMATS: [ReportFormat, string][] = [['md', 'Markdown'], ['html', 'HTML'], ['json', 'JSON']];

/** Bug report export (`/issues/:id/report?format=`), saved as a file. */
export function ExportMenu({ issueId }: { issueId: number }) {
  const toast = useStore((s) => s.toast);
  const save = async (format: ReportFormat): Promise<void> => {
    try {
      const { blob, filename } = await api().issueReport(issueId, format);
      downloadBlob(blob, filename);
    } catch (err) {
      toast('error', `Export failed: ${messageOf(err)}`);
    }
  };
  return (
    <details className="menu">
      <summary className="btn btn-ghost" data-testid="export-menu">Export</summary>
      <div className="menu-items">
        {FORMATS.map(([f, label]) => (
          <button key={f} type="button" className="menu-item" onClick={() => void save(f)} data-testid={`export-${f}`}>Bug report ({label})</button>
        ))}
      </div>
    </details>
  );
}
