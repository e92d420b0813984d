import { importSentence } from '../../../shared/import-summary';
import { useEffect, useState } from 'react';
import { api } from '../api/instance';
import { messageOf } from '../lib/errors';
import { navigate } from '../routing/navigation';
import { useStore } from '../store';

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

/**
 * Drop an exported JSON bundle anywhere on the window to import it (the UI side of
 * `lookout import FILE`); the imported issue opens when it is in.
 */
export function BundleDropZone() {
  const toast = useStore((s) => s.toast);
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => { if (hasFiles(e)) { depth++; setOver(true); e.preventDefault(); } };
    const leave = () => { depth = Math.max(0, depth - 1); if (depth === 0) setOver(false); };
    const overHandler = (e: DragEvent) => { if (hasFiles(e)) e.preventDefault(); };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      toast('info', `Importing ${file.name}…`);
      api().importBundle(file).then((summary) => {
        toast('success', importSentence(summary));
        const issueId = summary.issueIds[0];
        if (issueId !== undefined) navigate({ name: 'issue', issueId });
      }, (err: unknown) => toast('error', `Import failed: ${messageOf(err)}`));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('drop', drop);
    };
  }, [toast]);
  if (!over) return null;
  return (
    <div className="drop-zone" data-testid="drop-zone" aria-live="polite">
      <div className="drop-zone-card">Drop a Lookout bundle (.json) to import the issue</div>
    </div>
  );
}
