import { useEffect, useState } from 'react';
import type { ItemDetail } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { KeyValueTable, rowsOf } from '../../components/KeyValueTable';
import { TruncatedText } from '../../components/TruncatedText';
import { ValueView } from '../../components/ValueView';
import { byteSize } from '../../lib/format';
import { messageOf } from '../../lib/errors';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ok'; detail: ItemDetail };

const ITEMS_PER_STEP = 50;

function containerItems(payload: unknown): unknown[] | null {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  const items = (payload as { items?: unknown }).items;
  return Array.isArray(items) ? items : null;
}

/** A container (logs, span v2, metrics): each entry opened on its own, paged. */
function ContainerView({ payload, items }: { payload: object; items: unknown[] }) {
  const [shown, setShown] = useState(ITEMS_PER_STEP);
  const rest = Object.entries(payload).filter(([k]) => k !== 'items');
  return (
    <div className="item-json" data-testid="item-json">
      {rest.length > 0 && <KeyValueTable rows={rest} />}
      <ol className="item-container">
        {items.slice(0, shown).map((entry, i) => <li key={i}><ValueView value={entry} /></li>)}
      </ol>
      {items.length > shown && (
        <button type="button" className="link-btn" onClick={() => setShown(shown + ITEMS_PER_STEP * 4)}>
          show {Math.min(ITEMS_PER_STEP * 4, items.length - shown)} more of {items.length - shown} entries
        </button>
      )}
    </div>
  );
}

/** A stored item's headers and payload as sent, fetched when its Stream row is expanded. */
export function ItemPayload({ seq }: { seq: number }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    api().item(seq)
      .then((detail) => !cancelled && setState({ kind: 'ok', detail }))
      .catch((err: unknown) => !cancelled && setState({ kind: 'error', message: messageOf(err) }));
    return () => { cancelled = true; };
  }, [seq]);
  if (state.kind === 'loading') return <div className="stream-detail muted small">Loading the item…</div>;
  if (state.kind === 'error') return <div className="stream-detail error-text small" role="alert">Could not load the item: {state.message}</div>;
  const { detail } = state;
  const items = containerItems(detail.payload);
  return (
    <div className="stream-detail item-payload" data-testid="stream-item-payload">
      <h4>Item headers · {byteSize(detail.size)}</h4>
      <KeyValueTable rows={rowsOf(detail.headers)} testId="item-headers" />
      <h4>Payload{items ? ` · ${items.length.toLocaleString()} ${items.length === 1 ? 'entry' : 'entries'}` : ''}</h4>
      {detail.note && <p className="muted small" data-testid="item-note">{detail.note}</p>}
      {items && typeof detail.payload === 'object' && detail.payload !== null
        ? <ContainerView payload={detail.payload} items={items} />
        : detail.payload !== undefined && <div className="item-json" data-testid="item-json"><ValueView value={detail.payload} /></div>}
      {detail.text !== undefined && <TruncatedText text={detail.text} pre limit={4000} testId="item-text" />}
    </div>
  );
}
