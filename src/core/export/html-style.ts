/** Styles of the standalone HTML report: system fonts only, nothing fetched. */
export const REPORT_CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #fff; --panel: #f6f8fa; --line: #d1d9e0;
  --accent: #6c5fc7; --error: #d1242f; --current: #fff1c2; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23;
  --line: #3d444d; --accent: #a594ff; --error: #ff7b72; --current: #3b3012; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI",
  Roboto, "Helvetica Neue", Arial, sans-serif; }
main, body > header, body > footer { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
body > header { padding-top: 24px; }
h1 { font-size: 22px; margin: 0 0 8px; overflow-wrap: anywhere; }
h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 8px; }
.facts { color: var(--muted); margin: 0; }
.facts strong { color: var(--fg); }
code, pre { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow: auto;
  white-space: pre; margin: 6px 0 12px; }
pre.wrap { white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
th { color: var(--muted); font-weight: 600; }
#environment td:first-child { white-space: nowrap; }
td.time { white-space: nowrap; text-align: right; font-variant-numeric: tabular-nums; }
.exc-type { color: var(--error); font-weight: 600; }
.frame-head { margin-top: 10px; }
.frame-head code { font-weight: 600; }
.line.current { background: var(--current); display: inline-block; min-width: 100%; }
details.library { margin: 6px 0; color: var(--muted); }
details.library summary { cursor: pointer; }
details.library ul { margin: 4px 0 8px; padding-left: 20px; }
figure { margin: 10px 0; }
figure img { max-width: 100%; border: 1px solid var(--line); border-radius: 6px; }
figcaption { color: var(--muted); font-size: 12px; }
#replay-player { margin: 10px 0; }
.replay-layout { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.replay-layout #replay-player { flex: 1 1 640px; min-width: 0; }
.replay-steps { flex: 0 1 300px; max-height: 520px; overflow: auto; margin: 10px 0; padding: 0; list-style: none;
  border: 1px solid var(--line); border-radius: 6px; }
.replay-steps li { border-bottom: 1px solid var(--line); }
.replay-steps button { all: unset; box-sizing: border-box; display: flex; gap: 8px; width: 100%; padding: 4px 8px; cursor: pointer;
  overflow-wrap: anywhere; }
.replay-steps button:hover, .replay-steps button:focus-visible { background: var(--panel); outline: 2px solid var(--accent); outline-offset: -2px; }
.replay-steps .step-time { color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
.replay-steps .step-kind { color: var(--muted); min-width: 70px; }
.replay-steps li.step-error { background: color-mix(in srgb, var(--error) 12%, transparent); }
.replay-steps li.step-error .step-kind { color: var(--error); font-weight: 600; }
.lookout-error-marker { position: absolute; top: -4px; bottom: -4px; width: 3px; margin-left: -1px; background: var(--error);
  border-radius: 2px; pointer-events: none; z-index: 2; }
.replay-error { color: var(--error); }
.muted { color: var(--muted); }
/* Each piece of event text is isolated (UAX #9): right-to-left text or a bidi control in one cannot reorder its neighbours. */
code, strong, .exc-type, .step-label, .replay-note { unicode-bidi: isolate; }
body > footer { color: var(--muted); font-size: 12px; padding: 24px; }
/*
 * A phone (375 px): the columns of a five-column table would be a few letters wide, breaking every word letter by
 * letter. Each row becomes a block instead, its cells flowing as text (headers hidden but read out), short
 * cells (times, levels) kept whole and the message wrapping at word boundaries.
 */
@media (max-width: 640px) {
  main, body > header, body > footer { padding-left: 12px; padding-right: 12px; }
  table, tbody, tr { display: block; width: 100%; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  tr { padding: 6px 0; border-bottom: 1px solid var(--line); }
  th, td { display: inline; padding: 0 8px 0 0; border: 0; overflow-wrap: break-word; }
  td.time { white-space: nowrap; color: var(--muted); text-align: left; }
  /* A row's message (a breadcrumb's last cell, a log's message and attributes) starts a line of its own. */
  tr > td:nth-child(n+4):last-child, #trace-logs td:nth-child(n+4) { display: block; padding-top: 2px; }
  /* Label/value tables (environment, tags, user…): the label in bold before its value. */
  tr > td:first-child:nth-last-child(2) { font-weight: 600; }
}
`;
