/**
 * A mobile SDK's view hierarchy attachment (`attachment_type: event.view_hierarchy`): the windows
 * on screen when the error happened and every view in them, as a tree to read.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/view-hierarchy/
 */

export interface ViewNode {
  /** The view's class (`android.widget.Button`, `UIButton`, a Flutter widget). */
  type: string;
  identifier: string | null;
  /** `x,y · w×h`, opacity and visibility when not the defaults. */
  detail: string;
  /** The fields not shown in `type`, `identifier` or `detail` (Flutter's `key`, an SDK's own). */
  extra: [string, string][];
  children: ViewNode[];
}

export interface ViewHierarchy {
  renderingSystem: string | null;
  windows: ViewNode[];
  count: number;
  /** Views left out past {@link MAX_DEPTH} levels or {@link MAX_NODES} views (said, not hidden). */
  cut: boolean;
}

/** Deeper than this, nodes are cut (a hierarchy is data from the device: untrusted, maybe cyclic in spirit). */
export const MAX_DEPTH = 200;
export const MAX_NODES = 20_000;
const SHOWN_FIELDS = new Set(['type', 'identifier', 'children', 'x', 'y', 'width', 'height', 'alpha', 'visible', 'visibility']);

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const round = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(1));

function detailOf(n: Record<string, unknown>): string {
  const parts: string[] = [];
  const [x, y, w, h] = [num(n.x), num(n.y), num(n.width), num(n.height)];
  if (x !== null && y !== null) parts.push(`${round(x)},${round(y)}`);
  if (w !== null && h !== null) parts.push(`${round(w)}×${round(h)}`);
  const alpha = num(n.alpha);
  if (alpha !== null && alpha !== 1) parts.push(`alpha ${round(alpha)}`);
  if (n.visible === false) parts.push('hidden');
  if (typeof n.visibility === 'string' && n.visibility !== 'visible') parts.push(n.visibility);
  return parts.join(' · ');
}

/** Reads the attachment's JSON (already parsed); null when it is not a view hierarchy. */
export function readViewHierarchy(json: unknown): ViewHierarchy | null {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { windows?: unknown }).windows)) return null;
  let count = 0;
  let cut = false;
  const node = (raw: unknown, depth: number): ViewNode | null => {
    if (typeof raw !== 'object' || raw === null) return null;
    if (count >= MAX_NODES) { cut = true; return null; }
    count++;
    const n = raw as Record<string, unknown>;
    const all = Array.isArray(n.children) ? n.children : [];
    if (depth >= MAX_DEPTH && all.length > 0) cut = true;
    const children = depth < MAX_DEPTH ? all : [];
    return {
      type: typeof n.type === 'string' && n.type ? n.type : '(view)',
      identifier: typeof n.identifier === 'string' && n.identifier ? n.identifier : null,
      detail: detailOf(n),
      extra: Object.entries(n).filter(([k, v]) => !SHOWN_FIELDS.has(k) && v !== null && typeof v !== 'object').map(([k, v]) => [k, String(v)]),
      children: children.flatMap((c) => node(c, depth + 1) ?? []),
    };
  };
  const root = json as { rendering_system?: unknown; windows: unknown[] };
  const windows = root.windows.flatMap((w) => node(w, 0) ?? []);
  return { renderingSystem: typeof root.rendering_system === 'string' ? root.rendering_system : null, windows, count, cut };
}

/** The node's class without its package (`android.widget.Button` → `Button`), as Sentry labels it. */
export function shortType(type: string): string {
  return type.includes('.') && !type.endsWith('.') ? type.slice(type.lastIndexOf('.') + 1) : type;
}
