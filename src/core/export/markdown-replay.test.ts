import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportInput } from './report-input';
import { DEFAULT_SCRUB_RULES } from './report-input';
import { renderMarkdown } from './markdown';
import { errorStepLabel, REPLAY_STEPS_MAX } from './report-replay';
import { realReportInput, SECRETS } from './test-report-input';

let input: ReportInput;
beforeAll(async () => {
  input = await realReportInput(2);
});

/** A Sentry replay breadcrumb as the browser SDK records it (rrweb custom event, tag `breadcrumb`). */
function crumb(timestamp: number, category: string, message: string): { type: number; timestamp: number; data: unknown } {
  return { type: 5, timestamp, data: { tag: 'breadcrumb', payload: { timestamp: timestamp / 1000, type: 'default', category, message } } };
}

/** When the real recording starts (epoch ms). */
function recordingStart(): number {
  return Math.min(...(input.replay?.events ?? []).map((e) => e.timestamp));
}

/** The real recording plus `extra` breadcrumbs, with the featured event's error `errorAfterMs` into it. */
function withCrumbs(extra: ReturnType<typeof crumb>[], errorAfterMs: number): ReportInput {
  const replay = input.replay;
  const [featured, ...rest] = input.events;
  if (!replay || !featured) throw new Error('the real input has a replay and events');
  const timestamp = recordingStart() + errorAfterMs;
  return { ...input, events: [{ ...featured, timestamp, payload: { ...featured.payload, timestamp: timestamp / 1000 } }, ...rest],
    replay: { ...replay, events: [...replay.events, ...extra] } };
}

function replaySection(md: string): string {
  return md.slice(md.indexOf('\n## Replay\n'), md.indexOf('\n---\n'));
}

describe('the Markdown report lists the replay steps nearest the error', () => {
  it('one line per step with its offset, the error in bold, scrubbed', () => {
    const start = recordingStart();
    const crumbs = [crumb(start + 3500, 'ui.click', 'button#pay-now'), crumb(start + 4300, 'console', `login password=${SECRETS.password}`)];
    const md = renderMarkdown(withCrumbs(crumbs, 5000), { scrub: DEFAULT_SCRUB_RULES });
    const section = replaySection(md);
    expect(section).toContain('Recorded steps, times from the start of the recording:');
    // The recording's own steps (the fixture's "Pay now" click), then the two added, then the error.
    expect(section).toContain('` Click: body \\> button\\#crash\\[type="button"\\] "Pay now"');
    expect(section).toContain('- `3.50s` Click: button\\#pay-now\n- `4.30s` Console: login password=[Filtered]\n- **`5.00s` Error: ');
    expect(md).not.toContain(SECRETS.password);
    // Without scrubbing the breadcrumb is as recorded: the scrub above is the rule's doing, not the list's.
    expect(replaySection(renderMarkdown(withCrumbs(crumbs, 5000), { scrub: null }))).toContain(`login password=${SECRETS.password}`);
  });

  it('keeps the steps nearest the error when the recording has more, and says how many there are', () => {
    const start = recordingStart();
    const many = Array.from({ length: REPLAY_STEPS_MAX + 40 }, (_, i) => crumb(start + 10_000 + i * 1000, 'ui.click', `step-${i}`));
    // The error comes right after the last click: the nearest 100 are the last ones.
    const md = renderMarkdown(withCrumbs(many, 10_000 + (REPLAY_STEPS_MAX + 40) * 1000), { scrub: DEFAULT_SCRUB_RULES });
    const section = replaySection(md);
    const lines = section.split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toHaveLength(REPLAY_STEPS_MAX);
    expect(section).toMatch(new RegExp(`Recorded steps \\(the ${REPLAY_STEPS_MAX} nearest the error of \\d+\\)`));
    // The recording's own steps and the first clicks are the farthest from the error: left out.
    expect(section).not.toContain('Pay now');
    expect(section).not.toContain('step-0\n');
    expect(section).toContain(`step-${REPLAY_STEPS_MAX + 39}\n- **`);
  });

  it('names the error once: the kind word, then the title without its own leading "Error: "', () => {
    const md = renderMarkdown(withCrumbs([], 5000), { scrub: DEFAULT_SCRUB_RULES });
    const errorLine = replaySection(md).split('\n').find((l) => l.startsWith('- **'));
    expect(errorLine).toBe('- **`5.00s` Error: Payment failed for card [Filtered]**');
    expect(md).not.toContain('Error: Error:');
    expect(errorStepLabel('Error: boom')).toBe('boom');
    expect(errorStepLabel('TypeError: x is undefined')).toBe('TypeError: x is undefined');
    expect(errorStepLabel('Error')).toBe('');
    expect(errorStepLabel('Errors in checkout')).toBe('Errors in checkout');
  });

  it('says nothing of steps for a replay that is not in the export', () => {
    const md = renderMarkdown({ ...input, replay: null }, { scrub: DEFAULT_SCRUB_RULES });
    expect(md).not.toContain('Recorded steps');
  });
});
