import { useMemo, useState } from 'react';
import { nativeCrashText } from '../../../../shared/native-crash-text';
import { isNativeEvent } from '../../../../shared/native-crash';
import type { EventDetail } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { CopyButton } from '../../components/CopyButton';
import { downloadBlob } from '../../components/download';
import { Section } from '../../components/Section';
import { TruncatedText } from '../../components/TruncatedText';
import { splitEnvelope, type EnvelopePart } from '../../lib/envelope-text';
import { byteSize } from '../../lib/format';
import { messageOf } from '../../lib/errors';

const JSON_PREVIEW = 100_000;

/** Pretty JSON of the stored payload, built only when asked (it can be 50 MB). */
function RawJson({ detail }: { detail: EventDetail }) {
  const [text, setText] = useState<string | null>(null);
  if (text === null) {
    return <button type="button" className="btn btn-small" onClick={() => setText(JSON.stringify(detail.payload, null, 2) ?? 'null')} data-testid="show-raw-json">Show JSON</button>;
  }
  return (
    <div className="code-block">
      <div className="code-block-actions">
        <CopyButton text={text} />
        <button type="button" className="btn btn-small btn-ghost" onClick={() => downloadBlob(new Blob([text], { type: 'application/json' }), `${detail.eventId}.json`)}>Download</button>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setText(null)}>Hide</button>
      </div>
      <TruncatedText pre className="mono raw-json" text={text} limit={JSON_PREVIEW} testId="raw-json" />
    </div>
  );
}

function RawEnvelope({ envelopeId }: { envelopeId: number }) {
  const [parts, setParts] = useState<EnvelopePart[] | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | string>('idle');
  const load = async (): Promise<void> => {
    setState('loading');
    try {
      setParts(splitEnvelope(await api().envelopeRaw(envelopeId)));
      setState('idle');
    } catch (err) {
      setState(`Could not load the envelope: ${messageOf(err)}`);
    }
  };
  if (!parts) {
    return (
      <div>
        <button type="button" className="btn btn-small" disabled={state === 'loading'} onClick={() => void load()} data-testid="show-raw-envelope">Show envelope</button>
        {state !== 'idle' && state !== 'loading' && <p className="error-text small">{state}</p>}
      </div>
    );
  }
  return (
    <div className="raw-envelope mono" data-testid="raw-envelope">
      {parts.slice(0, 2000).map((p, i) => (p.kind === 'text'
        ? <TruncatedText key={i} pre className="envelope-line" text={p.text} limit={4000} />
        : <div key={i} className="envelope-binary">[binary payload: {byteSize(p.size)}{p.contentType ? `, ${p.contentType}` : ''}]</div>))}
    </div>
  );
}

/**
 * A native crash as the text of an Apple crash report: each thread's frames with address and
 * `image + offset`, the crashed one marked, then the binary images, ready to paste into a ticket
 * or to feed `atos` / `addr2line`.
 */
function NativeCrashText({ payload }: { payload: unknown }) {
  const text = useMemo(() => (isNativeEvent(payload) ? nativeCrashText(payload) : null), [payload]);
  if (text === null) return null;
  return (
    <>
      <h4>Crash report</h4>
      <div className="code-block">
        <div className="code-block-actions"><CopyButton text={text} /></div>
        <TruncatedText pre className="mono raw-stack" text={text} limit={JSON_PREVIEW} testId="native-crash-text" />
      </div>
    </>
  );
}

/** The stored payload as JSON and the envelope exactly as received; a native crash also as crash-report text. */
export function RawSection({ detail }: { detail: EventDetail }) {
  return (
    <Section title="Raw" defaultOpen={false} testId="raw" id="raw">
      <NativeCrashText payload={detail.payload} />
      <h4>Event JSON</h4>
      <RawJson detail={detail} />
      <h4>Envelope</h4>
      <RawEnvelope envelopeId={detail.envelopeId} />
    </Section>
  );
}
