/** Connects the SSE stream to the store: one subscription for the whole app. */
import type { ItemKind, StreamMessage } from '../../../shared/api-types';
import { api } from '../api/instance';
import { useStore } from './index';
import { announceIssueChange } from './issue-alerts';
import { itemEntry, rejectedEntry } from './stream-slice';
import { noteIssueArrival } from '../views/issues/new-issue-arrivals';
import { noteReplayItem, noteReplaysStartOver } from '../replay/replay-arrivals';

/** Items that add to a trace: its spans, transactions and the errors that carry its id. */
const TRACE_KINDS = new Set<ItemKind>(['span', 'transaction', 'event']);

/**
 * Everything stored was deleted, or data was deleted while this window was disconnected: every
 * view reads the store again instead of merging into what it shows.
 */
function startOver(): void {
  const s = useStore.getState();
  if (s.issue) s.forgetDetailIssues([s.issue.id]);
  useStore.setState({ streamEntries: [], streamCursor: null, streamLoaded: false, traceRows: [], traceCursor: null, logRows: [], logCursor: null });
  void s.reloadIssues();
  void s.loadProjects();
  if (s.tracesActive) void s.loadTraces(s.traceProject, s.traceQuery);
  if (s.logsActive) void s.reloadLogs();
  useStore.setState({ cronMonitors: [] });
  s.scheduleCronsRefresh();
  noteReplaysStartOver();
}

function dispatch(message: StreamMessage): void {
  const s = useStore.getState();
  switch (message.type) {
    case 'item':
      if (message.item) {
        s.pushStreamEntry(itemEntry(message.item));
        s.scheduleProjectsReload(message.item.projectId);
        if (message.item.kind === 'log') s.scheduleLogsRefresh();
        if (TRACE_KINDS.has(message.item.kind)) s.scheduleTracesRefresh();
        if (message.item.kind === 'check_in') s.scheduleCronsRefresh();
        if (message.item.kind === 'feedback' || message.item.kind === 'user_report') s.noteFeedbackArrived();
        noteReplayItem(message.item);
      }
      break;
    case 'issue':
      if (message.issue) {
        s.applyIssueMessage(message);
        announceIssueChange(message.change, message.issue);
        noteIssueArrival(message.change, message.issue);
        // The open issue is not patched per message: its coalesced refresh reads the header, tags,
        // events and chart together, so they agree (and a loop does not re-render the page per event).
        s.scheduleDetailRefresh(message.issue.id);
      }
      break;
    case 'issues_deleted':
      if (Array.isArray(message.ids)) s.dropIssues(message.ids);
      break;
    case 'issues_merged':
      if (Array.isArray(message.children)) s.mergedAway(message.children, message.parent);
      break;
    case 'data_deleted':
    case 'project_deleted':
    case 'resync':
      startOver();
      break;
    case 'project':
      if (message.project) s.applyProject(message.project);
      break;
    case 'feedback':
      // Read, resolved or spam in this or another window: the feedback lists read theirs again.
      s.noteFeedbackArrived();
      break;
    case 'rejected':
      if (message.envelope) s.pushStreamEntry(rejectedEntry(message.envelope));
      break;
  }
}

/** Starts the live subscription; returns a stop function. */
export function startLive(): () => void {
  let connectedBefore = false;
  return api().subscribe({
    onMessage: dispatch,
    onConnection: (open) => {
      const s = useStore.getState();
      // After a reconnect the server may have restarted: refresh what the stream cannot replay.
      if (open && !s.live) {
        void s.loadHealth();
        void s.loadProjects();
        if (connectedBefore) {
          void s.reloadIssues();
          s.noteReconnect();
        }
        connectedBefore = true;
      }
      s.setLive(open);
    },
  });
}
