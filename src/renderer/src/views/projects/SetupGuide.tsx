import { useState } from 'react';
import { ingestHost } from '../../api/base-url';
import { api } from '../../api/instance';
import { CopyButton } from '../../components/CopyButton';
import { useStore } from '../../store';
import { snippets } from './snippets';
import { SnippetTabs } from './SnippetTabs';
import { hrefOf } from '../../routing/navigation';

/**
 * The DSN an SDK should use (project 1 when there is none yet), and, once projects exist, the DSN
 * of the next free project id: Sentry gives each app its own project and DSN, so a second app
 * sending to /1 would mix its issues into the first app's.
 */
export function useDefaultDsn(): { dsn: string; host: string; nextDsn: string | null } {
  const projects = useStore((s) => s.projects);
  const health = useStore((s) => s.health);
  let host = ingestHost(api().base);
  if (health && typeof health.port === 'number' && health.port > 0) host = `${host.replace(/:\d+$/, '')}:${health.port}`;
  const first = projects[0]?.dsn;
  const nextId = projects.reduce((max, p) => Math.max(max, p.id), 0) + 1;
  return { dsn: first ?? `http://lookout@${host}/1`, host, nextDsn: projects.length > 0 ? `http://lookout@${host}/${nextId}` : null };
}

/** Teaches how to send the first event: DSN plus copyable SDK snippets. */
export function SetupGuide({ compact }: { compact?: boolean }) {
  const { dsn, host, nextDsn } = useDefaultDsn();
  // The snippets carry the DSN a new app should use: its own project once one exists.
  const all = snippets(nextDsn ?? dsn, `http://${host}/stream`);
  const [showMapsNote, setShowMapsNote] = useState(all[0]?.js ?? true);
  return (
    <div className={`setup ${compact ? 'setup-compact' : ''}`} data-testid="setup-guide">
      <div className="setup-intro">
        {/* The Setup page's own heading; inside the Issues view (compact) it is a section under "Issues". */}
        {compact ? <h2>Waiting for your first event</h2> : <h1>Connect an app</h1>}
        <p>Point any Sentry SDK at Lookout. Events stay on this machine and show up here the moment they are sent.</p>
      </div>
      <div className="dsn-box">
        <span className="dsn-label">DSN</span>
        <code className="mono dsn-value" data-testid="setup-dsn">{dsn}</code>
        <CopyButton text={dsn} testId="copy-setup-dsn" />
      </div>
      {nextDsn && (
        <div className="dsn-box" data-testid="setup-next-dsn-box">
          <span className="dsn-label">For another app, use its own project</span>
          <code className="mono dsn-value" data-testid="setup-next-dsn">{nextDsn}</code>
          <CopyButton text={nextDsn} testId="copy-setup-next-dsn" />
        </div>
      )}
      <SnippetTabs all={all} onSelect={(s) => setShowMapsNote(s.js)} />
      {showMapsNote && <p className="muted small" data-testid="setup-sourcemaps">
        Minified stack traces map back to your code with no setup: Lookout fetches each script and its source map from
        localhost and from the hosts listed in <a href={hrefOf({ name: 'settings' })} data-testid="setup-fetch-hosts-link">Settings</a> under
        “Also fetch scripts and source maps from these hosts” (a dev server on another machine, a VM). A Source folder
        works too, wherever the build is served from: add the folder holding it and its .map files in Settings.
      </p>}
    </div>
  );
}
