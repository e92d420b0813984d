/**
 * The one typed client for Lookout's read API (`/_lookout/api/*`). Every view goes through it;
 * nothing else in the renderer builds API URLs.
 * @see ../../../shared/api-types.ts for the contract.
 */
import type {
  ActivityEntry, DeletedData, DeletedIssues, DeletedProject, EnvelopeRecord, EventDetail, EventSummary, Health, IssueDetail, IssueQuery,
  IssueSummary, MergedGroup, MergedIssues, Page, Project, ProjectSettings, RegroupIssueResult, Settings, SimilarIssues,
  SourceWindow, StreamMessage, SuspectCommitInfo, TagDistribution, UnmergedIssue,
} from '../../../shared/api-types';
import type { FeedbackChange, FeedbackListItem, FeedbackPage, FeedbackQuery, UserFeedbackList } from '../../../shared/api-feedback';
import type { SearchKeys, SearchValues } from '../../../shared/api-search';
import type { HistoryPeriod, IssueHistory } from '../../../shared/api-issue-history';
import type { ImportSummary } from '../../../shared/import-summary';
import type { SourceRegroupStatus } from '../../../shared/api-source-regroup';
import { ApiError, jsonBody, queryString, request, requestJson } from './http';
import { listOf, nullOn404 } from './client-telemetry';
import { IssueBulkClient } from './client-issue-bulk';
import type { ReportFit, ReportFormat, ReportQuery, StatusChange, StreamHandlers } from './client-types';
import { reportFit, reportParams } from './report-fit';

export { ApiError };
export type { ReportFit, ReportFormat, ReportQuery, ScrubRule, StatusChange, StreamHandlers } from './client-types';

export type { MatchingIssues } from './client-issue-bulk';

const STREAM_EVENTS = ['item', 'issue', 'rejected', 'issues_deleted', 'issues_merged', 'data_deleted', 'resync', 'project', 'project_deleted', 'feedback'] as const;

function looksLikeIssue(value: unknown): value is IssueSummary {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'number'
    && typeof (value as { status?: unknown }).status === 'string';
}

export class LookoutClient extends IssueBulkClient {

  health(): Promise<Health> {
    return requestJson<Health>(this.url('health'));
  }

  async projects(): Promise<Project[]> {
    return listOf<Project>(await requestJson<unknown>(this.url('projects')));
  }

  /** Names a project (unique among projects); every open window hears it on the stream. */
  renameProject(projectId: number, name: string): Promise<Project> {
    return requestJson(this.url(`projects/${projectId}`), jsonBody('PUT', { name }));
  }

  /** Deletes a project and everything stored for it (every window hears `project_deleted`). */
  deleteProject(projectId: number): Promise<DeletedProject> {
    return requestJson(this.url(`projects/${projectId}`), { method: 'DELETE' });
  }

  events(q: { project?: number; type?: string; limit?: number; before?: string | number } = {}): Promise<Page<EventSummary>> {
    return requestJson(this.url(`events${queryString(q)}`));
  }

  event(eventId: string): Promise<EventDetail> {
    return requestJson(this.url(`events/${encodeURIComponent(eventId)}`));
  }

  rejectedEnvelopes(q: { limit?: number; before?: string | number } = {}): Promise<Page<EnvelopeRecord>> {
    return requestJson(this.url(`envelopes${queryString({ outcome: 'rejected', ...q })}`));
  }

  /** The envelope exactly as received (after decompression), as bytes. */
  async envelopeRaw(envelopeId: number): Promise<Uint8Array> {
    const res = await request(this.url(`envelopes/${envelopeId}/raw`));
    return new Uint8Array(await res.arrayBuffer());
  }

  issues(q: IssueQuery = {}): Promise<Page<IssueSummary>> {
    return requestJson(this.url(`issues${queryString({ ...q })}`));
  }

  issue(id: number): Promise<IssueDetail> {
    return requestJson(this.url(`issues/${id}`));
  }

  /** Newest first; pass the previous page's `nextCursor` as `cursor` (sent as `before`). */
  issueEvents(id: number, q: { limit?: number; cursor?: string } = {}): Promise<Page<EventSummary>> {
    return requestJson(this.url(`issues/${id}/events${queryString({ limit: q.limit, before: q.cursor })}`));
  }

  /** The issue's events (and users) per hour or UTC day over `period`: its page's chart. */
  issueHistory(id: number, period: HistoryPeriod): Promise<IssueHistory> {
    return requestJson(this.url(`issues/${id}/history${queryString({ period })}`));
  }

  /** What users said about the issue's events (feedback and user reports), newest first, with the total. */
  issueFeedback(id: number): Promise<UserFeedbackList> {
    return requestJson(this.url(`issues/${id}/feedback`));
  }

  /** What users said about one error event, newest first, with the total. */
  eventFeedback(eventId: string): Promise<UserFeedbackList> {
    return requestJson(this.url(`events/${encodeURIComponent(eventId)}/feedback`));
  }

  /** The tag keys issues have, for the search box's suggestions. */
  /** The User Feedback page: one mailbox (the Inbox unless `status` says), newest first, filtered by project and text. */
  feedbackPage(q: FeedbackQuery = {}): Promise<FeedbackPage> {
    return requestJson(this.url(`feedback${queryString({ status: q.status, project: q.project, query: q.query, before: q.before, limit: q.limit })}`));
  }

  feedbackItem(id: number): Promise<FeedbackListItem | null> {
    return nullOn404(requestJson(this.url(`feedback/${id}`)));
  }

  setFeedbackRead(id: number, read: boolean): Promise<FeedbackListItem> {
    return requestJson(this.url(`feedback/${id}`), jsonBody('PUT', { read }));
  }

  /** Marks feedbacks read or unread and/or moves them to a mailbox (Inbox, Resolved, Spam); the rows as they are now. */
  async changeFeedback(ids: readonly number[], change: FeedbackChange): Promise<FeedbackListItem[]> {
    const query = ids.map((id) => `id=${id}`).join('&');
    return (await requestJson<{ items: FeedbackListItem[] }>(this.url(`feedback?${query}`), jsonBody('PUT', change))).items;
  }

  /** Deletes feedbacks with their feedback events (and requests that carried only them); the ids deleted. */
  async deleteFeedback(ids: readonly number[]): Promise<number[]> {
    return (await requestJson<{ deleted: number[] }>(this.url(`feedback?${ids.map((id) => `id=${id}`).join('&')}`), { method: 'DELETE' })).deleted;
  }

  searchKeys(): Promise<SearchKeys> {
    return requestJson(this.url('issues/search-keys'));
  }

  /** Values of one search key starting with `prefix` (any case), for the search box's suggestions. */
  searchValues(key: string, prefix: string): Promise<SearchValues> {
    return requestJson(this.url(`issues/search-values${queryString({ key, prefix })}`));
  }

  /** The attribute keys of the newest logs, for the Logs search box's suggestions. */
  logSearchKeys(): Promise<SearchKeys> {
    return requestJson(this.url('logs/search-keys'));
  }

  /** Values of one log attribute starting with `prefix` (any case), from the newest logs. */
  logSearchValues(key: string, prefix: string): Promise<SearchValues> {
    return requestJson(this.url(`logs/search-values${queryString({ key, prefix })}`));
  }

  async issueTags(id: number): Promise<TagDistribution[]> {
    return listOf<TagDistribution>(await requestJson<unknown>(this.url(`issues/${id}/tags`)));
  }

  /** Changes status; answers the updated issue (re-read if the server sent none). */
  async updateIssue(id: number, change: StatusChange): Promise<IssueSummary> {
    const answer = await requestJson<unknown>(this.url(`issues/${id}`), jsonBody('PATCH', change));
    return looksLikeIssue(answer) ? answer : this.issue(id);
  }

  /** Deletes issues with their events (one request, one transaction). */
  deleteIssues(ids: readonly number[]): Promise<DeletedIssues> {
    return requestJson(this.url(`issues?${ids.map((id) => `id=${id}`).join('&')}`), { method: 'DELETE' });
  }

  /** Sentry's merge: the issue with the most events takes in the others. */
  mergeIssues(ids: readonly number[]): Promise<MergedIssues> {
    return requestJson(this.url(`issues?${ids.map((id) => `id=${id}`).join('&')}`), {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ merge: 1 }),
    });
  }

  /** What was merged into an issue, by the issue each part came from. */
  mergedGroups(issueId: number): Promise<MergedGroup[]> {
    return requestJson(this.url(`issues/${issueId}/merged`));
  }

  /** The issues most alike this one (Sentry's "Similar issues"), candidates to merge. */
  similarIssues(issueId: number): Promise<SimilarIssues> {
    return requestJson(this.url(`issues/${issueId}/similar`));
  }

  /** An issue's history, newest first, ending with its first-seen. */
  issueActivity(issueId: number): Promise<ActivityEntry[]> {
    return requestJson(this.url(`issues/${issueId}/activity`));
  }

  /** Sentry's unmerge: the events carrying `hashes` leave the issue for a new one. */
  unmerge(issueId: number, hashes: readonly string[]): Promise<UnmergedIssue> {
    return requestJson(this.url(`issues/${issueId}/hashes?${hashes.map((h) => `id=${encodeURIComponent(h)}`).join('&')}`), { method: 'DELETE' });
  }

  /** Deletes everything stored (projects and settings stay). */
  deleteAllData(): Promise<DeletedData> {
    return requestJson(this.url('data'), { method: 'DELETE' });
  }

  /**
   * Asks the server to open a source file in the preferred editor. With `eventId`, the paths that
   * event's frames name may be opened too (else only files under the source roots). Throws with its reason.
   */
  /** Loads an exported bundle (`lookout-bundle/1`) into this Lookout; the issue is regrouped as it came. */
  async importBundle(data: Blob): Promise<ImportSummary> {
    return requestJson(this.url('import'), { method: 'POST', body: data });
  }

  async openInEditor(location: { file: string; line?: number; col?: number; eventId?: string }): Promise<void> {
    await request(this.url('open'), jsonBody('POST', location));
  }

  /** Lines `line ± radius` of a local source file (for "show more context"). */
  sourceWindow(q: { event?: string; file: string; line: number; radius: number }): Promise<SourceWindow> {
    return requestJson(this.url(`source${queryString(q)}`));
  }

  /** `git blame` of the issue's top in-app frame line; `null` outside a repository or without git. */
  suspectCommit(issueId: number): Promise<SuspectCommitInfo | null> {
    return requestJson(this.url(`issues/${issueId}/suspect-commit`));
  }

  /** "Re-group with source maps": stores re-symbolicated frames of the issue's events and regroups. */
  regroupIssue(issueId: number): Promise<RegroupIssueResult> {
    return requestJson(this.url(`issues/${issueId}/regroup`), { method: 'POST' });
  }

  /** Re-grouping old issues after a source folder changed: its scan, offer, progress and outcome. */
  sourceRegroup(): Promise<SourceRegroupStatus> {
    return requestJson(this.url('source-regroup'));
  }

  /** Looks for the issues (of one project, or all for null) whose stored frames the source folders now map. */
  scanSourceRegroup(projectId: number | null): Promise<SourceRegroupStatus> {
    return requestJson(this.url('source-regroup/scan'), jsonBody('POST', { projectId }));
  }

  runSourceRegroup(): Promise<SourceRegroupStatus> {
    return requestJson(this.url('source-regroup/run'), { method: 'POST' });
  }

  dismissSourceRegroup(): Promise<SourceRegroupStatus> {
    return requestJson(this.url('source-regroup/dismiss'), { method: 'POST' });
  }

  projectSettings(projectId: number): Promise<ProjectSettings> {
    return requestJson(this.url(`projects/${projectId}/settings`));
  }

  saveProjectSettings(projectId: number, settings: ProjectSettings): Promise<ProjectSettings> {
    return requestJson(this.url(`projects/${projectId}/settings`), jsonBody('PUT', settings));
  }

  /**
   * Bug report export of an issue, with the file name the server suggests. Without `options` the
   * server's defaults apply (scrubbed by Sentry's default rules, replay included, 10 events).
   */
  async issueReport(id: number, format: ReportFormat, options: ReportQuery = {}): Promise<{ blob: Blob; filename: string; fit: ReportFit | null }> {
    const res = await request(this.url(`issues/${id}/report${queryString(reportParams(format, options))}`));
    const disposition = res.headers.get('content-disposition') ?? '';
    const named = /filename="([^"]{1,200})"/.exec(disposition)?.[1];
    return { blob: await res.blob(), filename: named ?? `issue-${id}.${format}`, fit: reportFit(res.headers.get('x-lookout-report-fit')) };
  }

  async attachment(id: number): Promise<Blob> {
    const res = await request(this.url(`attachments/${id}`));
    return res.blob();
  }

  settings(): Promise<Settings> {
    return requestJson(this.url('settings'));
  }

  saveSettings(settings: Partial<Settings>): Promise<Settings> {
    return requestJson(this.url('settings'), jsonBody('PUT', settings));
  }

  /**
   * Subscribes to the live SSE stream. EventSource reconnects on its own and resends the last
   * seen id as `Last-Event-ID`, so the server can replay what was missed.
   * @returns an unsubscribe function.
   */
  subscribe(handlers: StreamHandlers): () => void {
    const source = new EventSource(this.url('stream'));
    const onEvent = (ev: MessageEvent): void => {
      if (typeof ev.data !== 'string') return;
      let parsed: unknown;
      try { parsed = JSON.parse(ev.data); } catch { return; }
      if (typeof parsed !== 'object' || parsed === null) return;
      const type = (parsed as { type?: unknown }).type;
      // The event name is authoritative; fill `type` when the server left it out of the data.
      const message = (typeof type === 'string' ? parsed : { ...parsed, type: ev.type }) as StreamMessage;
      handlers.onMessage(message);
    };
    for (const name of STREAM_EVENTS) source.addEventListener(name, onEvent);
    source.onopen = () => handlers.onConnection?.(true);
    source.onerror = () => handlers.onConnection?.(source.readyState === EventSource.OPEN);
    return () => source.close();
  }
}
