import type { ReplaySummary } from '../../../shared/api-types';
import { RelativeTime } from '../components/RelativeTime';
import { hrefOf, navigate } from '../routing/navigation';
import { durationLabel } from './replay-time';
import '../components/sr-only.css';

/** The recorded page, without the origin when it is the usual local one. */
export function shortUrl(url: string | undefined): string {
  if (!url) return '—';
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/** The path alone (what tells pages of one app apart), for a link's name. */
function pagePath(url: string | undefined): string {
  if (!url) return 'an unknown page';
  try {
    return new URL(url).pathname || '/';
  } catch {
    return url;
  }
}

/** Hours and minutes of the local clock: "07:05". */
function clockOf(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
}

/**
 * A row link's accessible name, distinct for each replay: its page, user, length and start,
 * "Replay of /checkout by alice@example.com, 1:43, started 07:05" (a list of "2 minutes ago" links
 * reads as one link many times).
 */
export function replayLinkText(r: ReplaySummary): string {
  const user = r.user ? ` by ${r.user}` : '';
  return `Replay of ${pagePath(r.urls[0])}${user}, ${durationLabel(r.segmentCount, r.durationMs)}, started ${clockOf(r.startMs ?? r.received)}`;
}

/** One replay of the list; the whole row opens it, its first cell is the link. */
export function ReplayListRow({ r, projectName }: { r: ReplaySummary; projectName: string | null | undefined }) {
  return (
    <tr data-testid="replay-row" data-replay-id={r.replayId}
      onClick={(e) => { if (!(e.target instanceof HTMLAnchorElement)) navigate({ name: 'replay', replayId: r.replayId }); }}>
      <td>
        {/* The visible time stays in the name (what a speech user says to follow the link). */}
        <a href={hrefOf({ name: 'replay', replayId: r.replayId })} data-testid="replay-link">
          <span className="sr-only">{replayLinkText(r)}, </span><RelativeTime ms={r.startMs ?? r.received} />
        </a>
      </td>
      <td className={r.segmentCount === 0 ? 'muted' : 'mono'} data-testid="replay-duration"
        title={r.segmentCount === 0 ? 'Only the replay\'s metadata arrived, none of its recording' : undefined}>
        {durationLabel(r.segmentCount, r.durationMs)}
      </td>
      <td className="mono ellipsis replays-url" title={r.urls.join('\n')}>{shortUrl(r.urls[0])}</td>
      <td className="ellipsis replays-browser">{[r.browser, r.os].filter(Boolean).join(' · ') || '—'}</td>
      <td className="ellipsis" title={r.user ?? undefined}>{r.user ?? '—'}</td>
      {projectName !== undefined && <td className="ellipsis" data-testid="replay-project">{projectName ?? `project ${r.projectId}`}</td>}
      <td className="num" data-testid="replay-activity" title={`Activity ${r.activity} of 10`}>{r.activity}</td>
      <td className={`num${r.deadClicks > 0 ? '' : ' muted'}`} data-testid="replay-dead-clicks">{r.deadClicks}</td>
      <td className={`num${r.rageClicks > 0 ? ' error-text' : ' muted'}`} data-testid="replay-rage-clicks">{r.rageClicks}</td>
      <td className={`num${r.errorCount > 0 ? ' error-text' : ''}`} data-testid="replay-error-count">{r.errorCount}</td>
    </tr>
  );
}
