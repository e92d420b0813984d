import type { SessionOutcome } from '../../../../shared/api-releases';

/** A rate as Sentry shows it: `99.5%`, `—` without sessions (or users). */
export function percentText(value: number | null): string {
  return value === null ? '—' : `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}%`;
}

/** Sentry's names for how a session ended. */
export const OUTCOME_LABELS: Record<SessionOutcome, string> = {
  healthy: 'Healthy', errored: 'Errored', unhandled: 'Unhandled', abnormal: 'Abnormal', crashed: 'Crashed',
};

/** Crash-free under 95 % is bad, under 99 % a warning (Sentry's colouring of the figure). */
export function healthClass(value: number | null): string {
  if (value === null) return '';
  return value < 95 ? 'health-bad' : value < 99 ? 'health-warn' : 'health-good';
}
