/**
 * Issue detail: the issue, its event list and the one event being shown. Responses that arrive
 * after the user moved on are dropped (token per request kind).
 */
import type { HistoryPeriod, IssueHistory } from '../../../shared/api-issue-history';
import type { EventDetail, EventSummary, IssueDetail, IssueSummary } from '../../../shared/api-types';
import { api } from '../api/instance';
import { messageOf } from '../lib/errors';
import { liveThrottle, type LiveThrottle } from '../lib/live-throttle';
import type { SliceCreator } from './types';

const EVENTS_PAGE = 50;
/** Live refreshes of the open issue start at least this far apart, one at a time (an error loop streams hundreds a second). */
const LIVE_REFRESH_MS = 1000;
const FEEDBACK_REFRESH_MS = 700;

/** The open issue's events chart: what period it shows and the history read for it. */
export interface DetailHistory { issueId: number; period: HistoryPeriod; history: IssueHistory | null; error: string | null }

export interface DetailSlice {
  issue: IssueDetail | null;
  issueError: string | null;
  event: EventDetail | null;
  eventError: string | null;
  eventLoading: boolean;
  issueEvents: EventSummary[];
  issueEventsCursor: string | null;
  /** Opens an issue and one of its events (its latest when `eventId` is omitted). */
  openIssue: (issueId: number, eventId?: string) => Promise<void>;
  /** Opens an event by id (deep link `#/events/ID`), loading its issue when it has one. */
  openEvent: (eventId: string) => Promise<void>;
  loadMoreIssueEvents: () => Promise<void>;
  mergeDetailIssue: (issue: IssueSummary) => void;
  /** The shown issue was deleted: say so instead of showing it. */
  forgetDetailIssues: (ids: readonly number[]) => void;
  /** An issue asked for is now found under another id (it was merged into that one): its view goes there. */
  issueRedirect: { from: number; to: number } | null;
  /** Issues merged into `parent`: a view of one of them moves to it. */
  noteIssuesMerged: (children: readonly number[], parent: number) => void;
  /** Bumped when issues were merged into the open one: its "Merged issues" list reads again. */
  mergeVersion: number;
  /**
   * A live update touched the open issue: re-read it (header counts, tags), its event list and its
   * chart together in one coalesced refresh, so they show one moment (a loop made them disagree).
   */
  scheduleDetailRefresh: (issueId: number) => void;
  /** The chart of the open issue (null until its chart asks for a period). */
  detailHistory: DetailHistory | null;
  /** The chart shows `period` of `issueId`: read it now; live refreshes read it again with the issue. */
  showIssueHistory: (issueId: number, period: HistoryPeriod) => void;
  /** Bumped (coalesced) after user feedback arrived live: the feedback sections read theirs again. */
  feedbackVersion: number;
  noteFeedbackArrived: () => void;
}

/**
 * A newer event arrived for the issue while one is shown: point "Latest" (and "Newer", when the
 * shown event was the newest) at it without re-reading the shown event.
 */
function withFreshNav(event: EventDetail | null, issue: IssueDetail): EventDetail | null {
  const latest = issue.latestEventId;
  if (!event || event.issueId !== issue.id || !event.nav || !latest || latest === event.eventId || event.nav.latest === latest) return event;
  return { ...event, nav: { ...event.nav, latest, next: event.nav.next ?? latest } };
}

let issueToken = 0;
let eventToken = 0;
let historyToken = 0;
let refresh: { issueId: number; throttle: LiveThrottle } | null = null;
let feedbackTimer: number | null = null;

export const createDetailSlice: SliceCreator<DetailSlice> = (set, get) => {
  /**
   * Reads the chart of `shown`; resolves to what to set once the other reads of its tick are in
   * (`{}` when the chart shown has changed meanwhile, or a newer read was started).
   */
  function readHistory(shown: DetailHistory): Promise<() => Partial<DetailSlice>> {
    const token = ++historyToken;
    const apply = (next: Partial<DetailHistory>) => (): Partial<DetailSlice> => {
      const now = get().detailHistory;
      if (token !== historyToken || now?.issueId !== shown.issueId || now.period !== shown.period) return {};
      return { detailHistory: { ...now, ...next } };
    };
    return api().issueHistory(shown.issueId, shown.period).then(
      (history) => apply({ history, error: null }),
      (err: unknown) => apply({ error: messageOf(err) }),
    );
  }

  async function loadIssue(issueId: number, keepShown: boolean): Promise<IssueDetail | null> {
    const token = ++issueToken;
    if (!keepShown) set({ issue: null, issueError: null, issueEvents: [], issueEventsCursor: null });
    const chart = get().detailHistory;
    try {
      const [issue, events, applyHistory] = await Promise.all([
        api().issue(issueId),
        api().issueEvents(issueId, { limit: EVENTS_PAGE }).catch(() => ({ items: [] as EventSummary[], nextCursor: null })),
        keepShown && chart?.issueId === issueId ? readHistory(chart) : Promise.resolve(() => ({})),
      ]);
      if (token !== issueToken) return null;
      if (issue.id !== issueId) set({ issueRedirect: { from: issueId, to: issue.id } });
      // One update for the header, tags, event list and chart: they show the same moment.
      set({ issue, issueError: null, issueEvents: events.items, issueEventsCursor: events.nextCursor, event: withFreshNav(get().event, issue),
        ...applyHistory() });
      return issue;
    } catch (err) {
      if (token === issueToken) set({ issueError: messageOf(err) });
      return null;
    }
  }

  /** The open issue's coalesced refresh (one at a time, `LIVE_REFRESH_MS` apart). */
  function refresher(issueId: number): LiveThrottle {
    if (refresh?.issueId !== issueId) {
      refresh?.throttle.dispose();
      refresh = { issueId, throttle: liveThrottle(async () => { if (get().issue?.id === issueId) await loadIssue(issueId, true); }, LIVE_REFRESH_MS) };
    }
    return refresh.throttle;
  }

  async function loadEvent(eventId: string): Promise<EventDetail | null> {
    const token = ++eventToken;
    set({ eventLoading: true, eventError: null });
    try {
      const event = await api().event(eventId);
      if (token !== eventToken) return null;
      set({ event, eventLoading: false });
      return event;
    } catch (err) {
      if (token === eventToken) set({ eventLoading: false, eventError: messageOf(err), event: null });
      return null;
    }
  }

  return {
    issue: null,
    issueError: null,
    event: null,
    eventError: null,
    eventLoading: false,
    issueEvents: [],
    issueEventsCursor: null,
    feedbackVersion: 0,
    mergeVersion: 0,

    openIssue: async (issueId, eventId) => {
      const current = get().issue;
      const sameIssue = current?.id === issueId;
      if (!sameIssue) set({ event: null, eventError: null });
      if (eventId) {
        const loads: Promise<unknown>[] = [loadEvent(eventId)];
        if (!sameIssue) loads.push(loadIssue(issueId, false));
        await Promise.all(loads);
        return;
      }
      const issue = sameIssue ? current : await loadIssue(issueId, false);
      if (!issue) return;
      const latest = issue.latestEventId ?? get().issueEvents[0]?.eventId ?? null;
      if (latest) await loadEvent(latest);
      else set({ event: null, eventError: 'This issue has no stored event.' });
    },

    openEvent: async (eventId) => {
      const event = await loadEvent(eventId);
      if (event?.issueId != null && get().issue?.id !== event.issueId) await loadIssue(event.issueId, false);
      if (event && event.issueId == null) set({ issue: null, issueEvents: [], issueEventsCursor: null });
    },

    loadMoreIssueEvents: async () => {
      const { issue, issueEventsCursor } = get();
      if (!issue || !issueEventsCursor) return;
      try {
        const page = await api().issueEvents(issue.id, { limit: EVENTS_PAGE, cursor: issueEventsCursor });
        if (get().issue?.id !== issue.id) return;
        set((s) => ({ issueEvents: [...s.issueEvents, ...page.items], issueEventsCursor: page.nextCursor }));
      } catch (err) {
        get().toast('error', `Could not load more events: ${messageOf(err)}`);
      }
    },

    mergeDetailIssue: (summary) => {
      const issue = get().issue;
      if (issue && issue.id === summary.id) set({ issue: { ...issue, ...summary } });
    },

    issueRedirect: null,
    noteIssuesMerged: (children, parent) => {
      const shown = get().issue?.id;
      if (shown !== undefined && children.includes(shown)) set({ issueRedirect: { from: shown, to: parent } });
      if (shown === parent) set((s) => ({ mergeVersion: s.mergeVersion + 1 }));
    },

    forgetDetailIssues: (ids) => {
      const issue = get().issue;
      if (!issue || !ids.includes(issue.id)) return;
      issueToken++;
      eventToken++;
      set({ issue: null, issueError: 'deleted, with its events.', event: null, eventError: null, issueEvents: [], issueEventsCursor: null });
    },

    scheduleDetailRefresh: (issueId) => { if (get().issue?.id === issueId) refresher(issueId).poke(); },

    detailHistory: null,
    showIssueHistory: (issueId, period) => {
      // The same chart mounted again (back on the issue) keeps what it showed until the read answers.
      const now = get().detailHistory;
      const shown: DetailHistory = now?.issueId === issueId && now.period === period ? now : { issueId, period, history: null, error: null };
      set({ detailHistory: shown });
      // With its issue shown, a whole tick: the chart of a new period agrees with the header too.
      if (get().issue?.id === issueId) refresher(issueId).now();
      else void readHistory(shown).then((apply) => set(apply()));
    },

    noteFeedbackArrived: () => {
      if (feedbackTimer !== null) return;
      feedbackTimer = window.setTimeout(() => {
        feedbackTimer = null;
        set((s) => ({ feedbackVersion: s.feedbackVersion + 1 }));
      }, FEEDBACK_REFRESH_MS);
    },
  };
};
