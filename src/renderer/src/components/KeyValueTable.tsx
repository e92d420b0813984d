import type { ReactNode } from 'react';
import { MaskedValue, ValueView } from './ValueView';
import { masksWhole } from '../../../shared/screen-mask';

export type KeyValueRow = [key: string, value: unknown];

/**
 * Two-column key/value table; values render through ValueView (text only), a value under a sensitive
 * key masked until shown (`shared/screen-mask.ts`). `labelOf` names a key (the key itself stays in the tooltip, as sent).
 */
export function KeyValueTable({ rows, testId, emptyText, labelOf }: {
  rows: KeyValueRow[]; testId?: string; emptyText?: ReactNode; labelOf?: (key: string) => string;
}) {
  if (rows.length === 0) return emptyText ? <p className="muted">{emptyText}</p> : null;
  return (
    <table className="kv-table" data-testid={testId}>
      <tbody>
        {rows.map(([k, v], i) => (
          <tr key={`${k}-${i}`} data-testid={testId ? `${testId}-row` : undefined}>
            {labelOf && labelOf(k) !== k ? <th scope="row" title={k}>{labelOf(k)}</th> : <th scope="row">{k}</th>}
            <td>{masksWhole(k, v) ? <MaskedValue value={v} /> : <ValueView value={v} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Object → rows, skipping undefined values; non-objects give no rows. */
export function rowsOf(value: unknown, limit = 500): KeyValueRow[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).slice(0, limit);
}
