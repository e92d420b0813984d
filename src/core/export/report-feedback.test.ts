import { beforeAll, describe, expect, it } from 'vitest';
import type { UserFeedback } from '../../shared/api-feedback';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { REPORT_FEEDBACK_MAX } from './report-feedback';
import { DEFAULT_SCRUB_RULES, type ReportInput } from './report-input';
import { HOSTILE, realReportInput, SECRETS } from './test-report-input';

/** "What the user said" in the Markdown and HTML reports: quoted as text, scrubbed like the rest. */
let input: ReportInput;
let errorId: string;

function feedback(over: Partial<UserFeedback>): UserFeedback {
  return {
    id: 1, kind: 'feedback', message: 'The pay button does nothing', name: 'Ada', email: 'ada@example.com',
    url: 'http://localhost:3000/cart', source: 'widget', received: Date.UTC(2026, 0, 2, 3, 4, 5), associatedEventId: errorId,
    feedbackEventId: 'f'.repeat(32), ...over,
  };
}

beforeAll(async () => {
  const real = await realReportInput();
  errorId = real.events[0]!.eventId;
  input = {
    ...real, feedback: {
      total: 2, items: [
        feedback({ message: `It failed after I typed password=${SECRETS.password} and card ${SECRETS.card}\n${HOSTILE}`, name: HOSTILE }),
        feedback({ id: 2, kind: 'user_report', message: null, name: null, email: null, url: null, feedbackEventId: null }),
      ],
    },
  };
});

const section = (text: string, from: string, to: string) => text.slice(text.indexOf(from), text.indexOf(to, text.indexOf(from) + 1));

describe('what the user said, in the Markdown report', () => {
  it('quotes each message after the summary, with who sent it, when, from which page and about which event', () => {
    const md = renderMarkdown(input, { scrub: DEFAULT_SCRUB_RULES });
    expect(md.indexOf('## What the user said')).toBeLessThan(md.indexOf('## Steps before the error'));
    const part = section(md, '## What the user said', '\n## ');
    expect(part).toContain("2 messages users sent about this issue's events, newest first.");
    expect(part).toContain(`\`ada@example.com\` · 2026-01-02T03:04:05Z · about event \`${errorId}\` · on \`http://localhost:3000/cart\``);
    expect(part).toContain('anonymous · 2026-01-02T03:04:05Z');
    expect(part).toContain('_No message._');
    // Event text cannot open HTML or Markdown: the name is escaped, the message fenced.
    expect(part).toContain('**\\<script\\>alert("pwned")\\</script\\>\\<img src=x onerror=alert(1)\\>**');
    expect(part).toMatch(/```text\nIt failed after I typed password=\[Filtered\] and card \[Filtered\]\n<script>/);
  });

  it('filters secrets by the default rules, e-mails only with the e-mail rule, and shows all unscrubbed', () => {
    const md = renderMarkdown(input, { scrub: DEFAULT_SCRUB_RULES });
    expect(md).not.toContain(SECRETS.password);
    expect(md).not.toContain(SECRETS.card);
    const noEmails = section(renderMarkdown(input, { scrub: { ...DEFAULT_SCRUB_RULES, emails: true } }), '## What the user said', '\n## ');
    expect(noEmails).not.toContain('ada@example.com');
    expect(noEmails).toContain('`[Filtered]`');
    const raw = renderMarkdown(input, { scrub: null });
    expect(raw).toContain(SECRETS.password);
    expect(raw).toContain(SECRETS.card);
  });

  it('says how many are left out, and has no such part without feedback', () => {
    const many = Array.from({ length: 30 }, (_, i) => feedback({ id: i, message: `report ${i}` }));
    const md = renderMarkdown({ ...input, feedback: { items: many, total: 130 } }, { scrub: DEFAULT_SCRUB_RULES });
    expect(md).toContain(`The newest ${REPORT_FEEDBACK_MAX} of 130 messages users sent about this issue's events.`);
    expect(md).toContain(`report ${REPORT_FEEDBACK_MAX - 1}`);
    expect(md).not.toContain(`report ${REPORT_FEEDBACK_MAX}\n`);
    expect(renderMarkdown({ ...input, feedback: { items: [], total: 0 } }, { scrub: null })).not.toContain('What the user said');
    expect(renderMarkdown({ ...input, feedback: undefined }, { scrub: null })).not.toContain('What the user said');
  });
});

describe('what the user said, in the HTML report', () => {
  it('escapes every part of it and scrubs it as the Markdown does', () => {
    const html = renderHtml(input, { scrub: DEFAULT_SCRUB_RULES, includeReplay: false, playerAssets: null });
    const part = section(html, '<section id="feedback">', '</section>');
    expect(part).toContain('<h2>What the user said</h2>');
    expect(part).toContain('<strong>&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</strong>');
    expect(part).toContain('<pre class="wrap">It failed after I typed password=[Filtered] and card [Filtered]\n&lt;script&gt;');
    expect(part).toContain(`about event <code>${errorId}</code> · on <code>http://localhost:3000/cart</code>`);
    expect(part).toContain('<p class="muted">No message.</p>');
    expect(part).not.toContain('<script>');
    expect(html.indexOf('<section id="feedback">')).toBeLessThan(html.indexOf('<section id="steps">'));
  });
});
