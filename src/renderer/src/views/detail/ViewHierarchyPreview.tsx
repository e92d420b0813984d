import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';
import { MAX_DEPTH, MAX_NODES, readViewHierarchy, shortType, type ViewHierarchy, type ViewNode } from '../../lib/view-hierarchy';

/** Past this a hierarchy is offered as a download only (parsing it would stall the window). */
const MAX_BYTES = 16 * 1024 * 1024;
/** Levels open at first: the windows and their top views. */
const OPEN_DEPTH = 3;

function NodeView({ node, depth }: { node: ViewNode; depth: number }) {
  const label = (
    <>
      <span className="mono" title={node.type}>{shortType(node.type)}</span>
      {node.identifier && <span className="mono vh-id"> #{node.identifier}</span>}
      {node.detail && <span className="muted small"> · {node.detail}</span>}
      {node.extra.map(([k, v]) => <span key={k} className="muted small"> · {k}: {v}</span>)}
    </>
  );
  if (node.children.length === 0) return <li className="vh-leaf" data-testid="vh-node">{label}</li>;
  return (
    <li data-testid="vh-node">
      <details open={depth < OPEN_DEPTH}>
        <summary>{label} <span className="muted small">({node.children.length})</span></summary>
        <ul className="vh-tree">{node.children.map((c, i) => <NodeView key={i} node={c} depth={depth + 1} />)}</ul>
      </details>
    </li>
  );
}

/**
 * A view hierarchy attachment as a tree of views (Sentry draws the same tree); when the file is
 * not one after all, `fallback` shows it as text.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/view-hierarchy/
 */
export function ViewHierarchyPreview({ id, size, fallback }: { id: number; size: number; fallback: ReactNode }) {
  const [state, setState] = useState<{ tree: ViewHierarchy | null; error: string | null } | null>(null);
  useEffect(() => {
    if (size > MAX_BYTES) return;
    let cancelled = false;
    api().attachment(id)
      .then(async (blob) => {
        let tree: ViewHierarchy | null = null;
        try { tree = readViewHierarchy(JSON.parse(await blob.text())); } catch { /* not JSON: shown as text */ }
        if (!cancelled) setState({ tree, error: null });
      })
      .catch((err: unknown) => !cancelled && setState({ tree: null, error: messageOf(err) }));
    return () => { cancelled = true; };
  }, [id, size]);
  if (size > MAX_BYTES) return <p className="muted small">Too large to show here: download it.</p>;
  if (state === null) return <p className="muted small">Loading…</p>;
  if (state.error) return <p className="error-text small">Could not load: {state.error}</p>;
  if (!state.tree) return fallback;
  const { tree } = state;
  return (
    <div className="view-hierarchy" data-testid="view-hierarchy">
      <p className="muted small">
        {tree.count.toLocaleString()} {tree.count === 1 ? 'view' : 'views'} in {tree.windows.length} {tree.windows.length === 1 ? 'window' : 'windows'}
        {tree.renderingSystem && <> · {tree.renderingSystem}</>}
      </p>
      {tree.cut && (
        <p className="muted small" data-testid="vh-cut">
          Shown to {MAX_DEPTH} levels and {MAX_NODES.toLocaleString()} views: the rest is in the file (Download).
        </p>
      )}
      <ul className="vh-tree vh-root">{tree.windows.map((w, i) => <NodeView key={i} node={w} depth={0} />)}</ul>
    </div>
  );
}
