import { useState } from 'react';
import { ingestHost } from '../../api/base-url';
import { api } from '../../api/instance';
import { CopyButton } from '../../components/CopyButton';
import { useStore } from '../../store';
import { snippets } from './snippets';
import { hrefOf } from '../../routing/navigation';

/** The DSN an SDK should use; the project id 1 is Lookout's default project. */
export function useDefaultDsn(): { dsn: string; host: string } {
  const projects = useStore((s) => s.projects);
  const health = useStore((s) => s.health);
  let host = ingestHost(api().base);
  if (health && typeof health.port === 'number' && health.port > 0) host = `${host.replace(/:\d+$/, '')}:${health.port}`;
  const first = projects[0]?.dsn;
  return { dsn: first ?? `http://lookout@${host}/1`, host };
}

/** Teaches how to send the first event: DSN plus copyable SDK snippets. */
export function SetupGuide({ compact }: { compact?: boolean }) {
  const { dsn, host } = useDefaultDsn();
  const all = snippets(dsn, `http://${host}/stream`);
  const [tab, setTab] = useState(all[0]?.id ?? 'browser');
  const current = all.find((s) => s.id === tab) ?? all[0];
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
      <div className="tabs" role="tablist">
        {all.map((s) => (
          <button key={s.id} type="button" role="tab" aria-selected={s.id === tab} className={s.id === tab ? 'active' : ''}
            onClick={() => setTab(s.id)} data-testid={`snippet-tab-${s.id}`}>{s.label}</button>
        ))}
      </div>
      {current && (
        <div className="code-block">
          <div className="code-block-actions"><CopyButton text={current.code} testId="copy-snippet" /></div>
          <pre className="mono" data-testid="snippet-code">{current.code}</pre>
        </div>
      )}
      <p className="muted small" data-testid="setup-sourcemaps">
        Minified stack traces map back to your code with no setup: Lookout fetches each script and its source map from
        localhost and from the hosts listed in <a href={hrefOf({ name: 'settings' })} data-testid="setup-fetch-hosts-link">Settings</a> under
        “Also fetch scripts and source maps from these hosts” (a dev server on another machine, a VM). A Source folder
        works too, wherever the build is served from: add the folder holding it and its .map files in Settings.
      </p>
    </div>
  );
}
