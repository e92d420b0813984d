/**
 * The replay part of the HTML report: the recording as a JSON island, rrweb-player's UMD build
 * inlined (it defines the global `rrwebPlayer` with `Player`/`default`), and a few lines that
 * mount the player and seek to a few seconds before the error.
 * @see https://develop.sentry.dev/sdk/telemetry/replays/
 */
import { REPLAY_STEP_KIND_NAMES, type ReplayView } from './report-replay';
import { networkDetailLines, type NetworkDetailView } from './report-replay-network';
import { formatDuration } from './format';
import { esc, inlineScript, inlineStyle, jsonIsland } from './html-syntax';

/** How far before the error the player starts. */
export const LEAD_IN_MS = 5000;

export interface ReplayEmbed {
  view: ReplayView | null;
  /** Recording to embed, already scrubbed; null when replays are not exported. */
  events: unknown[] | null;
  playerAssets: { js: string; css: string } | null;
  /** What the player starts a few seconds before: "the error", or a performance issue's "the transaction's end". */
  moment: string;
}

// Runs in the recipient's browser. Errors are shown with textContent, never as HTML. It mounts
// after 'load' because rrweb leaves its iframe document open, which would hold the page's load.
const MOUNT_SCRIPT = `window.addEventListener('load', function () {
  var holder = document.getElementById('replay-player');
  var island = document.getElementById('lookout-replay-data');
  if (!holder || !island) return;
  // The error's moment on the player's progress bar, as the issue page's replay marks it.
  function markError(player, offset) {
    var bar = holder.querySelector('.rr-progress');
    var meta = player.getMetaData && player.getMetaData();
    if (!bar || !meta || !(meta.totalTime > 0) || typeof offset !== 'number' || offset < 0) return;
    var marker = document.createElement('div');
    marker.className = 'lookout-error-marker';
    marker.id = 'replay-error-marker';
    marker.title = offset > meta.totalTime ? 'The error (after the recording ended)' : 'The error';
    marker.style.left = Math.min(100, 100 * offset / meta.totalTime) + '%';
    bar.style.position = 'relative';
    bar.appendChild(marker);
  }
  // rrweb-player's play/pause and fullscreen buttons hold only an icon: give them a name screen readers read.
  function nameIconButtons() {
    var buttons = holder.querySelectorAll('.rr-controller__btns button');
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      if (b.textContent.trim() !== '' || b.getAttribute('aria-label')) continue;
      b.setAttribute('aria-label', i === 0 ? 'Play or pause the replay' : 'Full screen');
      b.title = b.getAttribute('aria-label');
    }
  }
  function fail(message) { holder.className = 'replay-error'; holder.textContent = message; }
  try {
    var data = JSON.parse(island.textContent || 'null');
    var lib = window.rrwebPlayer;
    var Player = lib && (lib.Player || lib.default);
    if (!Player) return fail('The replay player is not included in this file; the recording is embedded as JSON.');
    if (!data || !data.events || data.events.length < 2) return fail('The recording has too few events to play.');
    var width = Math.min(holder.clientWidth || 960, 1052);
    var player = new Player({ target: holder, props: { events: data.events, width: width,
      height: Math.round(width * 9 / 16), autoPlay: false, skipInactive: true, showController: true } });
    // Never seek past the end: rrweb would show a position beyond the duration (04:23 / 00:01).
    var meta = player.getMetaData && player.getMetaData();
    var total = meta && meta.totalTime > 0 ? meta.totalTime : Infinity;
    function seek(offset) { player.goto(Math.min(total, Math.max(0, offset)), false); }
    seek(data.startOffsetMs || 0);
    markError(player, data.errorOffsetMs);
    nameIconButtons();
    // The list opens at the error (scrolling the list only, not the page).
    var list = document.getElementById('replay-steps');
    var errorStep = list && list.querySelector('li.step-error');
    if (list && errorStep) list.scrollTop = Math.max(0, errorStep.offsetTop - list.offsetTop - list.clientHeight / 3);
    var steps = document.querySelectorAll('#replay-steps button[data-offset]');
    for (var i = 0; i < steps.length; i++) {
      steps[i].addEventListener('click', function (e) {
        var offset = Number(e.currentTarget.getAttribute('data-offset'));
        if (isFinite(offset)) seek(offset);
      });
    }
  } catch (err) {
    fail('The replay could not be played: ' + (err && err.message ? err.message : String(err)));
  }
});`;

/** `<section id="replay">` markup. */
export function replaySection(embed: ReplayEmbed): string {
  const v = embed.view;
  if (!v) return '';
  if (!v.available) {
    return `<section id="replay">\n<h2>Replay</h2>\n<p class="muted">A session replay (<code>${esc(v.replayId)}</code>) was recorded but is not part of this export.</p>\n</section>`;
  }
  if (!embed.events) {
    return `<section id="replay">\n<h2>Replay</h2>\n<p class="muted">The session replay <code>${esc(v.replayId)}</code> was left out of this export.</p>\n</section>`;
  }
  const start = playerStartMs(v);
  return [
    '<section id="replay">',
    '<h2>Replay</h2>',
    `<p class="muted">Session replay <code>${esc(v.replayId)}</code>, ${v.eventCount} recorded events. ${startSentence(v, esc(embed.moment))}`
      + `${v.otherEventId ? ` It was recorded with an earlier event of this issue (<code>${esc(v.otherEventId)}</code>), not the one above.` : ''}</p>`,
    '<div class="replay-layout">',
    '<div id="replay-player"></div>',
    stepsList(v),
    '</div>',
    jsonIsland('lookout-replay-data', { replayId: v.replayId, startOffsetMs: start, errorOffsetMs: v.errorOffsetMs, events: embed.events }),
    '</section>',
  ].join('\n');
}

/** Whether the error came after the recording's last event (the SDK stopped recording, or the error was sent later). */
export function errorAfterRecording(v: ReplayView): boolean {
  return v.errorOffsetMs !== null && v.errorOffsetMs > v.durationMs;
}

/** Where the player opens: a few seconds before the error, within the recording (never past its end, which rrweb would show as `04:23 / 00:01`). */
export function playerStartMs(v: ReplayView): number {
  if (v.errorOffsetMs === null) return 0;
  return Math.max(0, Math.min(v.errorOffsetMs, v.durationMs) - LEAD_IN_MS);
}

/** Where the player opens, in words from the real offset: a few seconds before the moment, or the recording's start when it is nearer. */
export function startSentence(v: ReplayView, moment: string): string {
  const start = playerStartMs(v);
  if (!errorAfterRecording(v)) {
    if (v.errorOffsetMs === null) return 'The player starts at the beginning of the recording.';
    return start > 0 ? `The player starts ${LEAD_IN_MS / 1000} seconds before ${moment}.`
      : `The player starts at the beginning of the recording, ${esc(formatDuration(v.errorOffsetMs))} before ${moment}.`;
  }
  const after = formatDuration((v.errorOffsetMs ?? 0) - v.durationMs);
  const opens = start > 0 ? `the player starts ${LEAD_IN_MS / 1000} seconds before the end` : 'the player starts at the beginning of the recording';
  return `<strong class="replay-note" id="replay-after-end">The error happened after the recording ended</strong> (${esc(after)} after its last event); ${opens}.`;
}

/**
 * The recording's breadcrumbs and the error beside the player, as the issue page's replay lists them;
 * each a button that seeks the player there (the offset is a number Lookout computed, the label escaped text).
 */
function stepsList(v: ReplayView): string {
  if (v.steps.length === 0) return '';
  const items = v.steps.map((s) => `<li class="step-${s.kind}"><button type="button" data-offset="${Math.max(0, Math.round(s.offsetMs))}">`
    + `<span class="step-time">${esc(formatDuration(Math.max(0, s.offsetMs)))}</span><span class="step-kind">${REPLAY_STEP_KIND_NAMES[s.kind]}</span>`
    + `<span class="step-label">${esc(s.label)}</span></button>${s.network ? htmlNetworkDetails(s.network) : ''}</li>`);
  const note = v.stepsTotal > v.steps.length ? `<li class="muted">${v.stepsTotal - v.steps.length} more not listed (the ${v.steps.length} nearest the error are)</li>` : '';
  return `<ol class="replay-steps" id="replay-steps" aria-label="Replay breadcrumbs">\n${items.join('\n')}${note ? `\n${note}` : ''}\n</ol>`;
}

/**
 * The steps list's columns: a fixed-width time, so rows stay aligned once times grow past a minute (`1m 03.2s`).
 * Kept with the list it styles (the report's main styles are `html-style.ts`).
 */
const STEPS_CSS = '.replay-steps .step-time { flex: 0 0 5.2em; text-align: right; }\n'
  + '.replay-steps .step-network { padding: 0 8px 6px; font-size: 12px; } .replay-steps .step-network pre { margin: 2px 0 6px; max-height: 240px; }';

/** A failed request's captured headers and bodies under its step, as visible text (escaped). */
function htmlNetworkDetails(d: NetworkDetailView): string {
  const parts = networkDetailLines(d).map(({ label, text, block }) => (block
    ? `<div class="step-network-part"><span class="muted">${esc(label)}</span><pre class="wrap">${esc(text)}</pre></div>`
    : `<div class="step-network-part"><span class="muted">${esc(label)}:</span> ${esc(text)}</div>`));
  return `<div class="step-network">${parts.join('')}</div>`;
}

/** Player and steps CSS for `<head>`. */
export function replayStyles(embed: ReplayEmbed): string {
  if (!embed.events) return '';
  return [embed.playerAssets ? inlineStyle(embed.playerAssets.css) : '', inlineStyle(STEPS_CSS)].filter((s) => s !== '').join('\n');
}

/** Player code and the mount script, for the end of `<body>`. */
export function replayScripts(embed: ReplayEmbed): string {
  if (!embed.events || !embed.view?.available) return '';
  return [embed.playerAssets ? inlineScript(embed.playerAssets.js) : '', inlineScript(MOUNT_SCRIPT)].filter((s) => s !== '').join('\n');
}
