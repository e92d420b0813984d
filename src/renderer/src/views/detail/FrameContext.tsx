import type { SentryFrame } from '../../../../shared/sentry';
import { TruncatedText } from '../../components/TruncatedText';

const MAX_CONTEXT = 50;

function lines(v: unknown): string[] {
  return Array.isArray(v) ? v.slice(-MAX_CONTEXT).map((l) => (typeof l === 'string' ? l : String(l ?? ''))) : [];
}

/** Source lines around the frame, numbered, with the error line highlighted. */
export function FrameContext({ frame }: { frame: SentryFrame }) {
  const pre = lines(frame.pre_context);
  const post = lines(frame.post_context).slice(0, MAX_CONTEXT);
  const current = typeof frame.context_line === 'string' ? frame.context_line : null;
  if (current === null && pre.length === 0 && post.length === 0) return null;
  const lineno = typeof frame.lineno === 'number' ? frame.lineno : null;
  const numberAt = (offset: number): string => (lineno === null ? '' : String(lineno + offset));
  const rows: { text: string; n: string; error: boolean }[] = [
    ...pre.map((text, i) => ({ text, n: numberAt(i - pre.length), error: false })),
    ...(current !== null ? [{ text: current, n: numberAt(0), error: true }] : []),
    ...post.map((text, i) => ({ text, n: numberAt(i + 1), error: false })),
  ];
  return (
    <ol className="context-lines mono" data-testid="frame-context">
      {rows.map((r, i) => (
        <li key={i} className={r.error ? 'is-error' : ''} data-testid="context-line" data-error={r.error ? 'true' : undefined}>
          <span className="ln">{r.n}</span>
          <TruncatedText className="code" text={r.text} limit={300} />
        </li>
      ))}
    </ol>
  );
}
