import { useState } from 'react';
import type { ScrubRule } from '../../../api/client';
import { clampEvents, FORMATS, MAX_BUNDLE_EVENTS, RULES, type ExportOptions } from './export-options';

interface Props {
  options: ExportOptions;
  onChange: (options: ExportOptions) => void;
  /** Spots each rule filtered in the current preview; null while none is loaded. */
  counts: Record<ScrubRule, number> | null;
  /** Spots each unchecked rule would filter; null while not loaded. */
  unchecked: Partial<Record<ScrubRule, number>> | null;
  replayId: string | null;
}

/** Format, event count (JSON), the replay choice, and the scrub rules with their hit counts. */
export function ExportForm({ options, onChange, counts, unchecked, replayId }: Props) {
  const setRule = (rule: ScrubRule, on: boolean): void => onChange({ ...options, rules: { ...options.rules, [rule]: on } });
  return (
    <div className="export-form">
      <fieldset className="export-fieldset">
        <legend>Format</legend>
        {FORMATS.map((f) => (
          <label key={f.format} className={`export-choice${options.format === f.format ? ' is-on' : ''}`}>
            <input type="radio" name="export-format" value={f.format} checked={options.format === f.format}
              onChange={() => onChange({ ...options, format: f.format })} data-testid={`export-format-${f.format}`}
              data-autofocus={options.format === f.format ? '' : undefined} />
            <span className="export-choice-text"><span className="export-choice-label">{f.label}</span><span className="export-hint">{f.hint}</span></span>
          </label>
        ))}
        {options.format === 'json' && <EventCount value={options.events} onChange={(events) => onChange({ ...options, events })} />}
      </fieldset>

      {replayId && (
        <fieldset className="export-fieldset">
          <legend>Replay</legend>
          <label className="export-choice">
            <input type="checkbox" checked={options.replay} onChange={(e) => onChange({ ...options, replay: e.target.checked })} data-testid="export-replay" />
            <span className="export-choice-text">
              <span className="export-choice-label">Include replay recording</span>
              <span className="export-hint">It may hold text typed on the page, which the filters below catch only in part.</span>
            </span>
          </label>
        </fieldset>
      )}

      <fieldset className="export-fieldset">
        <legend>Filter before export</legend>
        {RULES.map((r) => (
          <label key={r.rule} className="export-choice">
            <input type="checkbox" checked={options.rules[r.rule]} onChange={(e) => setRule(r.rule, e.target.checked)} data-testid={`export-rule-${r.rule}`} />
            <span className="export-choice-text"><span className="export-choice-label">{r.label}</span><span className="export-hint">{r.hint}</span></span>
            {options.rules[r.rule] && counts && (
              <span className={`badge export-count${counts[r.rule] > 0 ? ' has-hits' : ''}`} data-testid={`export-rule-count-${r.rule}`}
                title={`${counts[r.rule]} filtered in the preview`}>{counts[r.rule]}</span>
            )}
            {!options.rules[r.rule] && unchecked?.[r.rule] !== undefined && (
              <span className="badge export-count is-unchecked" data-testid={`export-rule-kept-${r.rule}`}
                title={`${unchecked[r.rule]} would be filtered if checked; they stay in this export`}>{unchecked[r.rule]} kept</span>
            )}
          </label>
        ))}
        {!Object.values(options.rules).some(Boolean) && (
          <p className="export-warning" role="note" data-testid="export-unscrubbed">Nothing is filtered: the export holds the data exactly as sent.</p>
        )}
      </fieldset>
    </div>
  );
}

/** The bundle's event count; a half-typed value stays in the field until it is a number. */
function EventCount({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  const [draft, setDraft] = useState(String(value));
  return (
    <label className="export-events">
      <span>Latest events in the bundle</span>
      <input type="number" min={1} max={MAX_BUNDLE_EVENTS} value={draft} data-testid="export-events"
        onChange={(e) => {
          setDraft(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(e.target.valueAsNumber)) onChange(clampEvents(e.target.valueAsNumber));
        }}
        onBlur={() => setDraft(String(value))} />
    </label>
  );
}
