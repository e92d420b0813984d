/** Connects the SSE stream to the store: one subscription for the whole app. */
import type { StreamMessage } from '../../../shared/api-types';
import { api } from '../api/instance';
import { useStore } from './index';
import { itemEntry, rejectedEntry } from './stream-slice';

function dispatch(message: StreamMessage): void {
  const s = useStore.getState();
  switch (message.type) {
    case 'item':
      if (message.item) {
        s.pushStreamEntry(itemEntry(message.item));
        s.scheduleProjectsReload();
      }
      break;
    case 'issue':
      if (message.issue) {
        s.applyIssueMessage(message);
        s.mergeDetailIssue(message.issue);
        s.scheduleDetailRefresh(message.issue.id);
      }
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
        if (connectedBefore) void s.reloadIssues();
        connectedBefore = true;
      }
      s.setLive(open);
    },
  });
}
