/**
 * The window / tab title of each view, as Sentry's `SentryDocumentTitle` composes it: the most specific
 * thing first, then its context, then the product (`TypeError: … — shop-api — Lookout`), so a tab strip,
 * the task switcher and a screen reader's window list tell the views apart. The unseen-issue count goes
 * in front of all of it (`(3) Issues — Lookout`, lib/unseen-issues.ts).
 * Pure: `store/use-document-title.ts` is the one place that writes `document.title`.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/sentryDocumentTitle.tsx
 */
import type { Route } from '../routing/route';

export const PRODUCT_NAME = 'Lookout';
/** Beyond this a part is cut with "…": the start of an error's title is what a tab strip can show. */
export const MAX_TITLE_PART = 80;
const SEPARATOR = ' — ';

/**
 * A title part from event data made safe for a title bar: control and bidirectional formatting
 * characters dropped (a title bar would obey them, Trojan Source style), blank runs collapsed, cut.
 */
export function titlePart(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > MAX_TITLE_PART ? `${clean.slice(0, MAX_TITLE_PART - 1).trimEnd()}…` : clean;
}

/** `parts — … — Lookout`, empty or repeated parts skipped. */
export function documentTitle(parts: readonly (string | null | undefined)[]): string {
  const kept: string[] = [];
  for (const part of parts) {
    const clean = part ? titlePart(part) : '';
    if (clean && !kept.includes(clean)) kept.push(clean);
  }
  return [...kept, PRODUCT_NAME].join(SEPARATOR);
}

/** A long id (a trace's or a replay's 32 hex digits) by its first 8, as Sentry lists them. */
function shortId(id: string): string {
  return id.slice(0, 8);
}

/**
 * What a route is called before (or without) what its view loads: the view's name, the project it
 * is filtered to, an id. A view that knows more (an issue's title) names itself over this.
 */
export function routeTitleParts(route: Route, projectName: (id: number) => string | undefined): string[] {
  const project = (id: number | undefined): string | undefined => (id === undefined ? undefined : projectName(id) ?? `Project ${id}`);
  switch (route.name) {
    case 'issues': return ['Issues', ...optional(project(route.filters.project))];
    case 'issue': return [`Issue ${route.issueId}`];
    case 'event': return [`Event ${shortId(route.eventId)}`];
    case 'stream': return ['Stream'];
    case 'settings': return ['Settings'];
    case 'setup': return ['Setup'];
    case 'replays': return ['Replays', ...optional(project(route.project))];
    case 'replay': return [`Replay ${shortId(route.replayId)}`];
    case 'traces': return [route.view === 'vitals' ? 'Web Vitals' : 'Traces', ...optional(project(route.project))];
    case 'trace': return [`Trace ${shortId(route.traceId)}`];
    case 'profile': return ['Profile'];
    case 'logs': return ['Logs', ...optional(project(route.filters.project))];
    case 'crons': return ['Crons'];
    case 'cron': return [route.slug, 'Crons', ...optional(project(route.project))];
    case 'feedback': return ['User Feedback', ...optional(project(route.project))];
    case 'stats': return ['Stats'];
    case 'releases': return ['Releases', ...optional(project(route.project))];
    case 'release': return [`Release ${route.version}`, ...optional(project(route.project))];
  }
}

function optional(part: string | undefined): string[] {
  return part === undefined ? [] : [part];
}
