import { useState } from 'react';
import type { EventDetail, GroupingVariantInfo } from '../../../../shared/api-types';
import { Section } from '../../components/Section';
import { displayText } from '../../lib/format';
import { groupingMatchText } from './grouping-match';
import './grouping-explained.css';

const MAX_DEPTH = 40;
const MAX_CHILDREN = 300;

interface ExplanationNode { id: string; contributes: boolean; hint: string | null; values: string[]; children: unknown[] }

/** Reads one node of the explanation tree, tolerating any shape. */
function nodeOf(v: unknown): ExplanationNode | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const r = v as Record<string, unknown>;
  return {
    id: typeof r.id === 'string' ? r.id : typeof r.name === 'string' ? r.name : '?',
    contributes: r.contributes === true,
    hint: typeof r.hint === 'string' ? r.hint : null,
    values: Array.isArray(r.values) ? r.values.filter((x) => typeof x !== 'object' || x === null).map((x) => displayText(x)) : [],
    children: Array.isArray(r.children) ? r.children : Array.isArray(r.values) ? r.values.filter((x) => typeof x === 'object' && x !== null) : [],
  };
}

function NodeView({ value, depth }: { value: unknown; depth: number }) {
  const node = nodeOf(value);
  if (!node || depth > MAX_DEPTH) return null;
  return (
    <li className={`gnode ${node.contributes ? 'contributes' : 'ignored'}`} data-testid="grouping-node">
      <span className="gnode-mark" title={node.contributes ? 'Contributes to the hash' : 'Ignored'}>{node.contributes ? '✓' : '–'}</span>
      <span className="gnode-id">{node.id}</span>
      {node.values.length > 0 && <span className="gnode-values mono">{node.values.slice(0, 20).map((v, i) => <code key={i}>{v.slice(0, 300)}</code>)}</span>}
      {node.hint && <span className="gnode-hint">({node.hint})</span>}
      {node.children.length > 0 && (
        <ul>{node.children.slice(0, MAX_CHILDREN).map((c, i) => <NodeView key={i} value={c} depth={depth + 1} />)}</ul>
      )}
    </li>
  );
}

function VariantView({ variant }: { variant: GroupingVariantInfo }) {
  const [open, setOpen] = useState(variant.contributes);
  const roots = Array.isArray(variant.explanation) ? variant.explanation : [variant.explanation];
  return (
    <div className={`variant ${variant.contributes ? 'contributes' : 'ignored'}`} data-testid="grouping-variant">
      <button type="button" className="variant-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className="chevron">{open ? '▾' : '▸'}</span>
        <strong>{variant.name}</strong>
        <span className={`badge ${variant.contributes ? 'badge-ok' : ''}`}>{variant.contributes ? 'contributes' : 'does not contribute'}</span>
        {variant.hash && <code className="mono muted small">{variant.hash}</code>}
      </button>
      {open && <ul className="gtree">{roots.map((r, i) => <NodeView key={i} value={r} depth={0} />)}</ul>}
    </div>
  );
}

/** Why this event landed in this issue: the hash that joined it, config, hashes and each variant's component tree. */
export function GroupingSection({ detail }: { detail: EventDetail }) {
  const g = detail.grouping;
  if (!g) return null;
  const variants = Array.isArray(g.variants) ? g.variants : [];
  return (
    <Section title="Grouping" defaultOpen={false} testId="grouping" id="grouping">
      {g.match && <p className="grouping-match" data-testid="grouping-match">{groupingMatchText(g.match, variants)}</p>}
      <p className="small muted">Config <code className="mono">{g.config}</code> · hashes {(Array.isArray(g.hashes) ? g.hashes : []).map((h) => <code key={h} className="mono">{h.slice(0, 12)}</code>)}</p>
      {variants.map((v, i) => <VariantView key={`${v.name}-${i}`} variant={v} />)}
    </Section>
  );
}
