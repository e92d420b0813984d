import type { ReactNode } from 'react';
import { CopyButton } from '../../components/CopyButton';

/**
 * The hint under the Port field. A new port moves the ingest endpoint, and an SDK whose DSN still
 * names the old one drops its events with only a network error in its own log, so the hint gives
 * the DSN every app must use after the restart.
 */
export function portHint({ draftPort, savedPort, listeningPort, host }: {
  draftPort: number; savedPort: number; listeningPort: number | null; host: string;
}): ReactNode {
  const now = listeningPort !== null && listeningPort !== draftPort ? ` (now listening on ${listeningPort})` : '';
  if (draftPort === savedPort) return `Takes effect on restart${now}.`;
  const dsn = `http://lookout@${host.replace(/:\d+$/, '')}:${draftPort}/1`;
  return (
    <span data-testid="setting-port-dsn-hint">
      Takes effect on restart{now}. Then every app&apos;s DSN must name port {draftPort}:{' '}
      <code className="mono">{dsn}</code> <CopyButton text={dsn} /> (with each app&apos;s own project number).
    </span>
  );
}
