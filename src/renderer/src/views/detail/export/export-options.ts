/**
 * What the export dialog asks for, and how it maps onto the report API's query. Defaults follow
 * Sentry's server-side scrubbing: keys, auth headers/cookies and card numbers on; IPs and e-mails
 * opt-in.
 * @see https://docs.sentry.io/security-legal-pii/scrubbing/server-side-scrubbing/
 */
import type { ReportFormat, ReportQuery, ScrubRule } from '../../../api/client';

export interface ExportOptions {
  format: ReportFormat;
  /** JSON bundle only: the latest N events. */
  events: number;
  rules: Record<ScrubRule, boolean>;
  /** Include the session replay recording (it may hold typed text). */
  replay: boolean;
}

export const MAX_BUNDLE_EVENTS = 1000;

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = {
  format: 'md',
  events: 10,
  rules: { keys: true, headers: true, creditCards: true, ips: false, emails: false },
  replay: true,
};

export const FORMATS: { format: ReportFormat; label: string; hint: string }[] = [
  { format: 'md', label: 'Markdown', hint: 'For an issue tracker: paste or attach.' },
  { format: 'html', label: 'HTML', hint: 'One file that opens offline, with the replay player.' },
  { format: 'json', label: 'JSON bundle', hint: 'Re-importable into Lookout: events, envelopes, attachments.' },
];

export const RULES: { rule: ScrubRule; label: string; hint: string }[] = [
  { rule: 'keys', label: 'Keys & values', hint: 'password, secret, token, auth, cookie, session… and Bearer tokens' },
  { rule: 'headers', label: 'Headers', hint: 'Authorization, Cookie and Set-Cookie headers, request cookies' },
  { rule: 'creditCards', label: 'Card numbers', hint: '13–19 digits that pass the Luhn check' },
  { rule: 'ips', label: 'IP addresses', hint: 'IPv4/IPv6 in text and ip_address fields' },
  { rule: 'emails', label: 'E-mail addresses', hint: 'in text and email fields' },
];

export function ruleLabel(rule: ScrubRule): string {
  return RULES.find((r) => r.rule === rule)?.label ?? rule;
}

/** The report query for these options; `replay` is sent as off when the issue has none to include. */
export function reportQuery(options: ExportOptions, replayAvailable: boolean): ReportQuery {
  const anyRule = Object.values(options.rules).some(Boolean);
  return {
    events: options.format === 'json' ? clampEvents(options.events) : undefined,
    scrub: anyRule,
    rules: { ...options.rules },
    replay: replayAvailable && options.replay,
  };
}

export function clampEvents(n: number): number {
  return Number.isFinite(n) ? Math.max(1, Math.min(MAX_BUNDLE_EVENTS, Math.round(n))) : DEFAULT_EXPORT_OPTIONS.events;
}
