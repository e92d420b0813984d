import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Settings } from '../../../../shared/api-types';
import { CopyButton } from '../../components/CopyButton';
import { useStore } from '../../store';
import { useRetryOnReconnect } from '../../store/use-retry-on-reconnect';
import type { ThemePreference } from '../../store/ui-slice';
import { DeleteAllData } from './DeleteAllData';
import { EditorHint } from './EditorHint';
import { FetchHostsSetting } from './FetchHostsSetting';
import { NotificationsSetting } from './NotificationsSetting';
import { portHint } from './PortHint';
import { useDefaultDsn } from '../projects/SetupGuide';
import { ProjectSourceRoots } from './ProjectSourceRoots';
import { ProjectNames } from './ProjectNames';
import { settingsChanged } from './settings-changed';
import { SourceRegroupOffer, type ScanRequest } from './SourceRegroupOffer';
import { SettingField } from './SettingField';
import { StorageSettings } from './StorageSettings';

/** The server's editor ids (src/core/symbolicate/editor.ts). */
const EDITORS: [string, string][] = [
  ['auto', 'Detect automatically'], ['vscode', 'Visual Studio Code'], ['cursor', 'Cursor'], ['jetbrains', 'JetBrains IDE'],
  ['sublime', 'Sublime Text'], ['zed', 'Zed'], ['env', '$VISUAL / $EDITOR'], ['custom', 'Custom command'],
];
const EDITOR_NAMES = new Map(EDITORS);
const THEMES: [ThemePreference, string][] = [['system', 'System'], ['light', 'Light'], ['dark', 'Dark']];
const MB = 1024 * 1024;

function NumberField({ label, value, onChange, testId, hint, min = 0 }: {
  label: string; value: number; onChange: (v: number) => void; testId: string; hint?: ReactNode; min?: number;
}) {
  return (
    <SettingField label={label} hint={hint}>
      {({ id, describedBy }) => (
        <input id={id} aria-describedby={describedBy} type="number" min={min} value={Number.isFinite(value) ? value : 0} data-testid={testId}
          onChange={(e) => onChange(Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
      )}
    </SettingField>
  );
}

/** The hint under a retention limit that a `lookout serve` flag overrides. */
function overridden(flag: string, value: number | undefined): string | undefined {
  return value === undefined ? undefined
    : `In force now: --${flag} ${value} from the command line, which wins over this until Lookout starts without it.`;
}

/** Theme (local), and the server settings: port, data dir, retention, editor, source folders, fetch hosts. */
export function SettingsView() {
  const settings = useStore((s) => s.settings);
  const error = useStore((s) => s.settingsError);
  const load = useStore((s) => s.loadSettings);
  const save = useStore((s) => s.saveSettings);
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  const health = useStore((s) => s.health);
  const { host } = useDefaultDsn();
  const [draft, setDraft] = useState<Settings | null>(null);
  // The folders box as typed: parsed on each change, but a new empty line or a trailing space stays while typing.
  const [rootsText, setRootsText] = useState<string | null>(null);
  // A source folder saved: the old issues its maps now resolve are looked for (and offered for re-grouping).
  const [scanRequest, setScanRequest] = useState<ScanRequest | null>(null);
  const requestScan = (projectId: number | null): void => setScanRequest((r) => ({ projectId, n: (r?.n ?? 0) + 1 }));

  // Edits not saved yet survive a reload of the settings landing late (a slow first load
  // used to reset a field the user had just changed).
  const edited = useRef(false);
  const retry = useRetryOnReconnect(error !== null);
  useEffect(() => { void load(); }, [load, retry]);
  useEffect(() => { if (settings && !edited.current) { setDraft(structuredClone(settings)); setRootsText(null); } }, [settings]);
  const patch = (p: Partial<Settings>): void => {
    edited.current = true;
    setDraft((d) => (d ? { ...d, ...p } : d));
  };
  // Save is on only while a field differs from what the server holds (a save resets the draft to it).
  const unsaved = !!settings && !!draft && settingsChanged(settings, draft);
  const retention = draft?.retention;
  const overrides = draft?.retentionOverrides ?? {};

  return (
    <div className="view settings-view">
      <header className="view-head"><h1>Settings</h1></header>
      <section className="card">
        <h2>Appearance</h2>
        <div className="segmented" role="group" aria-label="Theme">
          {THEMES.map(([v, l]) => (
            <button key={v} type="button" className={theme === v ? 'active' : ''} aria-pressed={theme === v} onClick={() => setTheme(v)} data-testid={`theme-${v}`}>{l}</button>
          ))}
        </div>
      </section>
      <NotificationsSetting />
      {error && <div className="error-box" role="alert">Could not load settings: {error}</div>}
      {draft && retention && (
        <form className="card" onSubmit={(e) => {
          e.preventDefault();
          if (!unsaved) return;
          edited.current = false;
          const rootsChanged = (draft.sourceRoots ?? []).join('\n') !== (settings?.sourceRoots ?? []).join('\n');
          void save(draft).then((ok) => { if (ok && rootsChanged && (draft.sourceRoots ?? []).length > 0) requestScan(null); });
        }}>
          <h2>Server</h2>
          <NumberField label="Port" value={draft.port} onChange={(port) => patch({ port })} testId="setting-port"
            hint={portHint({ draftPort: draft.port, savedPort: settings?.port ?? draft.port, listeningPort: health?.port ?? null, host })} />
          <div className="field">
            <span className="field-label">Data directory</span>
            <span className="field-static"><code className="mono" data-testid="setting-data-dir">{draft.dataDir}</code><CopyButton text={draft.dataDir} /></span>
            <span className="field-hint">Start with <code className="mono">--data-dir</code> to use another folder.</span>
          </div>
          <h2>Retention</h2>
          <NumberField label="Keep at most (events)" value={retention.maxEvents} testId="setting-max-events" min={1}
            hint={overridden('max-events', overrides.maxEvents)} onChange={(maxEvents) => patch({ retention: { ...retention, maxEvents } })} />
          <NumberField label="Delete after (days)" value={retention.maxAgeDays} testId="setting-max-age" min={1}
            hint={overridden('max-age-days', overrides.maxAgeDays)} onChange={(maxAgeDays) => patch({ retention: { ...retention, maxAgeDays } })} />
          <NumberField label="Maximum size (MiB)" value={Math.round(retention.maxBytes / MB)} testId="setting-max-bytes" min={1}
            hint={overridden('max-bytes', overrides.maxBytes)} onChange={(mib) => patch({ retention: { ...retention, maxBytes: mib * MB } })} />
          <h2>Editor</h2>
          <label className="field">
            <span className="field-label">Open frames in</span>
            <select value={draft.editor.id} onChange={(e) => patch({ editor: { ...draft.editor, id: e.target.value } })} data-testid="setting-editor">
              {EDITORS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select>
          </label>
          <EditorHint draft={draft} saved={settings} names={EDITOR_NAMES} />
          {(draft.editor.id === 'custom' || draft.editor.id === 'jetbrains') && (
            <SettingField label={draft.editor.id === 'custom' ? 'Command' : 'Launcher'} hint={draft.editor.id === 'custom'
              ? <>{'{file}'}, {'{line}'} and {'{column}'} are replaced; it runs without a shell. Without {'{file}'}, the file is added last.</>
              : <>idea, webstorm, pycharm, goland… (default idea)</>}>
              {({ id, describedBy }) => (
                <input id={id} aria-describedby={describedBy} type="text" className="mono"
                  placeholder={draft.editor.id === 'custom' ? 'code -g {file}:{line}:{column}' : 'idea'} value={draft.editor.command ?? ''}
                  onChange={(e) => patch({ editor: { ...draft.editor, command: e.target.value } })} data-testid="setting-editor-command" />
              )}
            </SettingField>
          )}
          <SettingField label="Source folders" hint="One per line. Searched for source files and source maps.">
            {({ id, describedBy }) => (
              <textarea id={id} aria-describedby={describedBy} rows={3} className="mono" placeholder="/path/to/project"
                value={rootsText ?? (draft.sourceRoots ?? []).join('\n')} data-testid="setting-source-roots"
                onChange={(e) => { setRootsText(e.target.value); patch({ sourceRoots: e.target.value.split('\n').map((s) => s.trim()).filter(Boolean) }); }} />
            )}
          </SettingField>
          <FetchHostsSetting value={draft.sourceFetch} commandLine={draft.commandLineFetchHosts} onChange={(sourceFetch) => patch({ sourceFetch })} />
          <div className="form-actions">
            {/* aria-disabled, not disabled: a disabled button drops the keyboard focus it had when the save ends. */}
            <button type="submit" className="btn btn-primary" data-testid="settings-save" aria-disabled={!unsaved}
              title={unsaved ? undefined : 'Nothing changed since the last save'}>Save</button>
            <button type="button" className="btn btn-ghost" onClick={() => { if (settings) { setDraft(structuredClone(settings)); setRootsText(null); } }}>Revert</button>
          </div>
        </form>
      )}
      {draft && <ProjectNames />}
      {draft && <ProjectSourceRoots onSaved={requestScan} />}
      <SourceRegroupOffer request={scanRequest} />
      {draft && <StorageSettings />}
      {draft && <DeleteAllData />}
    </div>
  );
}
