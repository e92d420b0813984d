import { useState } from 'react';
import { DEFAULT_SOURCE_FETCH, parseFetchHosts, type SourceFetchSettings } from '../../../../shared/fetch-hosts';
import { SettingField } from './SettingField';

const lines = (text: string): string[] => text.split('\n').map((s) => s.trim()).filter(Boolean);

/**
 * Where scripts and source maps may be fetched from: the switch for fetching at all, and the hosts
 * besides this machine's (a dev server reached as `192.168.1.20:5173`, a VM, `myapp.test`). Part of
 * the settings form: saved with it, applied to the next event and the next page opened. Hosts given
 * as `lookout serve --fetch-host` are listed read-only beside them, as the `--max-*` flags are.
 * @see https://docs.sentry.io/platforms/javascript/sourcemaps/troubleshooting_js/
 */
export function FetchHostsSetting({ value, commandLine = [], onChange }: {
  value: SourceFetchSettings | undefined; commandLine?: readonly string[]; onChange: (v: SourceFetchSettings) => void;
}) {
  const current = value ?? DEFAULT_SOURCE_FETCH;
  // The box as typed (a new empty line stays while typing) while the form holds its lines; after a
  // save or Revert the form holds other lines, and the box shows those.
  const [text, setText] = useState<string | null>(null);
  const shown = text !== null && lines(text).join('\n') === current.hosts.join('\n') ? text : current.hosts.join('\n');
  const parsed = parseFetchHosts(lines(shown));
  const error = 'error' in parsed ? parsed.error : null;
  return (
    <>
      <SettingField label="Fetch from URLs" hint={<>
        When no Source folder holds a minified script, Lookout fetches it, its source map and (if the map does not embed them)
        the original sources from the frame&apos;s URL, as Sentry does: from localhost always, from other hosts only if listed below.
      </>}>
        {({ id, describedBy }) => (
          <span className="field-static">
            {/* Sized here: `.field input` stretches inputs to the column. */}
            <input id={id} aria-describedby={describedBy} type="checkbox" style={{ width: 15 }} checked={current.enabled} data-testid="setting-fetch-enabled"
              onChange={(e) => onChange({ ...current, enabled: e.target.checked })} />
            <label htmlFor={id}>Fetch scripts and source maps from their URLs</label>
          </span>
        )}
      </SettingField>
      <SettingField label="Also fetch scripts and source maps from these hosts" hintClassName={error ? 'field-warning' : undefined}
        hintRole={error ? 'alert' : undefined} hintTestId={error ? 'setting-fetch-hosts-error' : undefined} hint={error ?? <>
          One <code className="mono">host</code> (any port) or <code className="mono">host:port</code> per line: a dev server on another
          machine, a VM or a container. Also <code className="mono">lookout serve --fetch-host HOST</code>.
        </>}>
        {({ id, describedBy }) => (
          <textarea id={id} aria-describedby={describedBy} rows={2} className="mono" placeholder={'192.168.1.20:5173\nmyapp.test'} value={shown}
            disabled={!current.enabled} data-testid="setting-fetch-hosts" aria-invalid={error !== null}
            onChange={(e) => { setText(e.target.value); onChange({ ...current, hosts: lines(e.target.value) }); }} />
        )}
      </SettingField>
      {commandLine.length > 0 && <CommandLineHosts hosts={commandLine} fetching={current.enabled} />}
    </>
  );
}

/** The `--fetch-host` hosts in force: not editable here, and gone when Lookout starts without the flag. */
function CommandLineHosts({ hosts, fetching }: { hosts: readonly string[]; fetching: boolean }) {
  return (
    <div className="field" data-testid="setting-fetch-hosts-cli">
      <span className="field-label">From the command line</span>
      <ul className="field-static plain-list">
        {hosts.map((host) => <li key={host}><code className="mono" data-testid="setting-fetch-host-cli">{host}</code></li>)}
      </ul>
      <span className="field-hint">
        In force now: <code className="mono">--fetch-host</code> from the command line, fetched from as well as the hosts above
        {fetching ? '' : ' (not while fetching from URLs is off)'} until Lookout starts without it.
      </span>
    </div>
  );
}
