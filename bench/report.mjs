// The printed table and the target checks of a benchmark result.
const n0 = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–');
const n2 = (v) => (v === Infinity ? '∞' : Number.isFinite(v) ? v.toFixed(2) : '–');
const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 1)} ms` : '–');

let markdown = false;

const FLAT_JUDGED_FROM = 200_000;

const LATENCY_LABELS = { null: 'null', fsync: 'null + fsync (durable floor)', spotlight: 'spotlight', lookout: 'lookout' };

/** Lookout ÷ Spotlight; ∞ when Spotlight acknowledged nothing (JSON stores Infinity as null). */
const vsSpotlight = (w) => (w.median.spotlight === 0 && w.median.lookout > 0 ? Infinity : w.ratioVsSpotlight);

function table(rows) {
  if (markdown) {
    const cells = (r) => `| ${r.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
    return [cells(rows[0]), cells(rows[0].map((_, c) => (c === 0 ? '---' : '---:'))), ...rows.slice(1).map(cells)].join('\n');
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r, i) => {
    const line = r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ');
    return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}

/** Each target of the issue with the measured value and whether it is met. */
export function checkTargets(res) {
  const t = res.throughput;
  const out = [];
  const add = (name, value, ok, shown) => out.push({ name, value, ok, shown });
  if (t.error8k) {
    add('8 KB errors: ≥ 60% of the null server', t.error8k.ratioVsNull, t.error8k.ratioVsNull >= 0.6, `${(t.error8k.ratioVsNull * 100).toFixed(0)}%`);
    add('8 KB errors: ≈ 5,000 events/s', t.error8k.median.lookout, t.error8k.median.lookout >= 5000, `${n0(t.error8k.median.lookout)}/s`);
  }
  if (t.error50k) add('50 KB errors: ≥ 1,000 events/s', t.error50k.median.lookout, t.error50k.median.lookout >= 1000, `${n0(t.error50k.median.lookout)}/s`);
  for (const w of Object.values(t)) {
    const none = w.median.spotlight === 0 ? ' (Spotlight acknowledged none)' : '';
    const ratio = vsSpotlight(w);
    add(`${w.label}: at least as fast as Spotlight`, ratio, ratio >= 1, `×${n2(ratio)}${none}`);
  }
  const lat = res.latency?.median.lookout;
  if (lat) {
    const floor = res.latency.median.fsync;
    add(`p99 acknowledgement ≤ 10 ms at ${res.latency.rate}/s`, lat.p99, lat.p99 <= 10,
      `${ms(lat.p99)}${floor ? ` (null + fsync: ${ms(floor.p99)})` : ''}`);
    add('SSE delivery p99 ≤ 50 ms', lat.sse.p99, lat.sse.p99 <= 50, ms(lat.sse.p99));
  }
  const s = res.scale;
  const perEvent = s?.bytesPerEvent ?? t.error8k?.bytesPerEnvelope;
  if (Number.isFinite(perEvent)) add('≤ 2 KB on disk per 8 KB error event', perEvent, perEvent <= 2048, `${n0(perEvent)} B`);
  if (s) {
    const at = `at ${n0(s.events)} events`;
    add(`issue list first page ≤ 30 ms ${at}`, s.queries.issueList.medianMs, s.queries.issueList.medianMs <= 30, ms(s.queries.issueList.medianMs));
    add(`full-text search ≤ 100 ms ${at}`, s.queries.search.medianMs, s.queries.search.medianMs <= 100, ms(s.queries.search.medianMs));
    add('RSS ≤ 300 MB under load', s.rss.duringMax, s.rss.duringMax <= 300, `${n0(s.rss.duringMax)} MB`);
    const growth = s.rss.duringLastTenth - s.rss.duringFirstTenth;
    // SQLite's 8 MB page cache fills over the first ~50,000 events: a shorter load (--quick) only
    // shows that filling, so flatness is judged on a long one.
    const judged = s.events >= FLAT_JUDGED_FROM;
    add('RSS flat under sustained load (last tenth − first tenth ≤ 30 MB)', growth, judged ? growth <= 30 : null,
      `${growth >= 0 ? '+' : ''}${n0(growth)} MB${judged ? '' : ` (not judged under ${n0(FLAT_JUDGED_FROM)} events)`}`);
  }
  return out;
}

/** The same tables as Markdown, for README.md's Performance section. */
export function formatMarkdown(res) {
  markdown = true;
  try { return formatReport(res); } finally { markdown = false; }
}

export function formatReport(res) {
  const parts = [`Lookout benchmark — ${res.machine.cpu}, ${res.machine.cores} cores, ${res.machine.memGb} GB, Node ${res.machine.node}` +
    `${res.quick ? ' (--quick)' : ''}`];
  const tp = [['Throughput (closed loop, median of rounds)', 'null /s', 'Spotlight /s', 'Lookout /s', 'Lookout min–max',
    'vs null', 'vs Spotlight', 'disk/item']];
  for (const w of Object.values(res.throughput)) {
    const rates = w.rounds.map((r) => r.lookout.envelopesPerSec);
    tp.push([`${w.label} (${w.unit})`, n0(w.median.null), n0(w.median.spotlight), n0(w.median.lookout),
      `${n0(Math.min(...rates))}–${n0(Math.max(...rates))}`, n2(w.ratioVsNull), n2(vsSpotlight(w)), `${n0(w.bytesPerEnvelope)} B`]);
  }
  parts.push(table(tp));
  // Results written before CPU was measured have no `cpu`.
  const withCpu = Object.values(res.throughput).filter((w) => w.cpu);
  if (withCpu.length > 0) {
    const cpu = [['CPU per item (µs, all threads, median of rounds)', 'null', 'Spotlight', 'Lookout', 'Lookout main thread',
      'Lookout cores busy', 'load generator']];
    for (const w of withCpu) {
      const c = w.cpu;
      cpu.push([`${w.label} (per ${w.unit.replace(/s$/, '')})`, n0(c.null.totalUs), n0(c.spotlight.totalUs), n0(c.lookout.totalUs),
        n0(c.lookout.mainUs), n2(c.lookout.cores), n0(c.lookout.loadgenUs)]);
    }
    parts.push(table(cpu));
  }
  if (res.latency) {
    // CPU at this rate (results written before it was measured have none): one or two events a
    // commit and a wake-up of every thread per event make an event dearer than at full speed.
    const cpu = Object.values(res.latency.median).some((l) => l.cpu);
    const rows = [[`Latency at ${res.latency.rate} events/s (8 KB errors)`, 'ack p50', 'ack p99', 'ack max', 'SSE p50', 'SSE p99', 'SSE max',
      ...(cpu ? ['CPU µs/event (main thread)', 'cores busy', 'load generator µs'] : [])]];
    for (const [kind, l] of Object.entries(res.latency.median)) {
      rows.push([LATENCY_LABELS[kind] ?? kind, ms(l.p50), ms(l.p99), ms(l.max), ms(l.sse?.p50), ms(l.sse?.p99), ms(l.sse?.max),
        ...(cpu ? [`${n0(l.cpu?.totalUs)} (${n0(l.cpu?.mainUs)})`, n2(l.cpu?.cores), n0(l.cpu?.loadgenUs)] : [])]);
    }
    parts.push(table(rows));
  }
  const s = res.scale;
  if (s) {
    const q = s.queries;
    parts.push(table([
      [`Lookout with ${n0(s.events)} stored 8 KB errors`, 'value'],
      ['ingest rate over the whole load', `${n0(s.eventsPerSec)} events/s`],
      ['ingest rate, first / last tenth', `${n0(s.firstTenthRate)} / ${n0(s.lastTenthRate)} events/s`],
      ['RSS before / during (median, max) / after', `${n0(s.rss.before)} / ${n0(s.rss.duringMedian)}, ${n0(s.rss.duringMax)} / ${n0(s.rss.after)} MB`],
      ['bytes on disk per event', `${n0(s.bytesPerEvent)} B (${n0(s.storeBytes / 1048576)} MB in all)`],
      ['issue list first page (first call / median)', `${ms(q.issueList.firstMs)} / ${ms(q.issueList.medianMs)}`],
      ['filtered page (first / median)', `${ms(q.filteredPage.firstMs)} / ${ms(q.filteredPage.medianMs)}`],
      ['full-text search (first / median)', `${ms(q.search.firstMs)} / ${ms(q.search.medianMs)}`],
      ['event detail (first / median)', `${ms(q.eventDetail?.firstMs)} / ${ms(q.eventDetail?.medianMs)}`],
      [`start-up to ready (median of ${s.startups?.length ?? '–'} / store out of the page cache)`, `${ms(s.startupMs)} / ${ms(s.coldStartupMs ?? NaN)}`],
    ]));
  }
  const targets = [['Target', 'measured', 'met']];
  for (const t of res.targets) targets.push([t.name, t.shown, t.ok === null ? '–' : t.ok ? 'yes' : 'NO']);
  parts.push(table(targets));
  return parts.join('\n\n');
}
