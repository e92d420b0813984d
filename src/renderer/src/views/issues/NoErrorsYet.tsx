import { useEffect, useState } from 'react';
import { STATS_MAX_HOURS, type OutcomeStats } from '../../../../shared/api-stats';
import { api } from '../../api/instance';
import { countOf } from '../../lib/format';
import { hrefOf } from '../../routing/navigation';
import { useStore } from '../../store';

/** What arrived besides errors, by Stats category, in the order an app that sends no errors meets them. */
const KINDS: [category: string, noun: string][] = [
  ['transaction', 'transaction'], ['span', 'span'], ['log_item', 'log'], ['replay', 'replay'], ['session', 'session'], ['monitor', 'check-in'],
];

/** The accepted quantities of `stats` for the categories above, those above 0 only. */
export function arrivedBesidesErrors(stats: OutcomeStats): { category: string; noun: string; quantity: number }[] {
  const accepted = new Map<string, number>();
  for (const o of stats.outcomes) if (o.outcome === 'accepted') accepted.set(o.category, (accepted.get(o.category) ?? 0) + o.quantity);
  return KINDS.map(([category, noun]) => ({ category, noun, quantity: accepted.get(category) ?? 0 })).filter((k) => k.quantity > 0);
}

/**
 * The issue list's empty state without filters. An app that sends only traces and logs used to read
 * "No unresolved issues. Nice." with the set-up guide gone, as if nothing had arrived: this names
 * what did (from Stats, the last 90 days) and links where it shows.
 */
export function NoErrorsYet() {
  // Read again when the projects are (throttled on arriving items), not per item: a log flood would ask per log.
  const projects = useStore((s) => s.projects);
  const [arrived, setArrived] = useState<ReturnType<typeof arrivedBesidesErrors> | null>(null);
  useEffect(() => {
    let live = true;
    api().stats({ hours: STATS_MAX_HOURS }).then((s) => { if (live) setArrived(arrivedBesidesErrors(s)); }, () => { if (live) setArrived([]); });
    return () => { live = false; };
  }, [projects]);
  const errors = arrived?.length ? null : 'No unresolved issues. Nice.';
  if (errors !== null) return <p data-testid="issues-empty-text">{errors}</p>;
  const list = arrived!.map((k) => countOf(k.quantity, k.noun));
  const said = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]!}` : list[0]!;
  const has = (c: string) => arrived!.some((k) => k.category === c);
  return (
    <p data-testid="issues-empty-text">
      No errors yet — {said} arrived: see {has('transaction') || has('span') ? <a href={hrefOf({ name: 'traces' })}>Traces</a> : null}
      {(has('transaction') || has('span')) && has('log_item') ? ' / ' : null}
      {has('log_item') ? <a href={hrefOf({ name: 'logs', filters: {} })}>Logs</a> : null}
      {!has('transaction') && !has('span') && !has('log_item') ? <a href={hrefOf({ name: 'stats' })}>Stats</a> : null}.
      {' '}Errors the app captures show here.
    </p>
  );
}
