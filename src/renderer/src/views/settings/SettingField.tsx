import { useId, type ReactNode } from 'react';

/** What a setting's control needs to be named by its label and described by its hint. */
export interface FieldIds { id: string; describedBy: string | undefined }

interface Props {
  label: ReactNode;
  /** Shown under the control and read as its description (`aria-describedby`), not as part of its name. */
  hint?: ReactNode;
  hintClassName?: string;
  hintRole?: 'alert' | 'status';
  hintTestId?: string;
  testId?: string;
  children: (ids: FieldIds) => ReactNode;
}

/**
 * A labelled setting: the label names the control (`htmlFor`) and the hint describes it. A `<label>`
 * wrapping the hint made the hint part of the control's accessible name ("Source folders One per
 * line. Searched for…"), which a screen reader reads before every value.
 * @see https://www.w3.org/WAI/WCAG22/Techniques/aria/ARIA1
 */
export function SettingField({ label, hint, hintClassName, hintRole, hintTestId, testId, children }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field" data-testid={testId}>
      <label className="field-label" htmlFor={id}>{label}</label>
      {children({ id, describedBy: hint ? hintId : undefined })}
      {hint && <span id={hintId} className={`field-hint${hintClassName ? ` ${hintClassName}` : ''}`} role={hintRole} data-testid={hintTestId}>{hint}</span>}
    </div>
  );
}
