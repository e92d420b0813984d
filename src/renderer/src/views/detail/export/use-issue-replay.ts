import { useEffect, useState } from 'react';
import { api } from '../../../api/instance';
import { useStore } from '../../../store';
import { replayIdOf } from '../LinksSection';

/**
 * The replay a report of this issue would include, or null. Like the report API, it takes the
 * first replay id among the issue's latest events (then the shown event's), and only one whose
 * recording Lookout has received: an id without a recording has nothing to export.
 * @param latestEvents how many of the newest events the chosen format reads (10 for Markdown/HTML).
 */
export function useIssueReplay(issueId: number, latestEvents: number): string | null {
  const issueEvents = useStore((s) => s.issueEvents);
  const event = useStore((s) => s.event);
  const fromList = issueEvents.slice(0, Math.max(1, latestEvents)).find((e) => e.issueId === issueId && e.replayId)?.replayId;
  const candidate = fromList ?? (event && event.issueId === issueId ? replayIdOf(event) : null);
  const [found, setFound] = useState<string | null>(null);
  useEffect(() => {
    setFound(null);
    if (!candidate) return;
    let current = true;
    api().replay(candidate).then((r) => { if (current) setFound(r ? candidate : null); }).catch(() => undefined);
    return () => { current = false; };
  }, [candidate]);
  return found;
}
