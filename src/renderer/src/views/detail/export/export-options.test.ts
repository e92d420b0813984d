import { describe, expect, it } from 'vitest';
import { clampEvents, DEFAULT_EXPORT_OPTIONS, reportQuery } from './export-options';

describe('reportQuery', () => {
  it("starts from Sentry's defaults: keys, headers and cards filtered, IPs and e-mails kept", () => {
    expect(reportQuery(DEFAULT_EXPORT_OPTIONS, true)).toEqual({
      events: undefined, scrub: true, replay: true,
      rules: { keys: true, headers: true, creditCards: true, ips: false, emails: false },
    });
  });

  it('sends the event count only for the JSON bundle, clamped to what the API accepts', () => {
    expect(reportQuery({ ...DEFAULT_EXPORT_OPTIONS, format: 'json', events: 5000 }, false).events).toBe(1000);
    expect(reportQuery({ ...DEFAULT_EXPORT_OPTIONS, format: 'html', events: 50 }, false).events).toBeUndefined();
    expect(clampEvents(0)).toBe(1);
    expect(clampEvents(Number.NaN)).toBe(10);
  });

  it('turns scrubbing off only when every rule is off, and never asks for a replay the issue lacks', () => {
    const none = { keys: false, headers: false, creditCards: false, ips: false, emails: false };
    expect(reportQuery({ ...DEFAULT_EXPORT_OPTIONS, rules: none }, true).scrub).toBe(false);
    expect(reportQuery({ ...DEFAULT_EXPORT_OPTIONS, rules: { ...none, emails: true } }, true).scrub).toBe(true);
    expect(reportQuery(DEFAULT_EXPORT_OPTIONS, false).replay).toBe(false);
    expect(reportQuery({ ...DEFAULT_EXPORT_OPTIONS, replay: false }, true).replay).toBe(false);
  });
});
