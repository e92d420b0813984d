import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../routing/route';
import { statusActions } from './feedback-actions';

describe('the User Feedback mailboxes', () => {
  it('keep the mailbox in the URL under Sentry\'s name, the Inbox being the default', () => {
    const route = { name: 'feedback', mailbox: 'ignored', project: 2, id: 5 } as const;
    expect(formatRoute(route)).toBe('#/feedback?mailbox=ignored&project=2&id=5');
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(parseRoute('#/feedback?mailbox=resolved')).toEqual({ name: 'feedback', mailbox: 'resolved' });
    // The Inbox, or a mailbox Lookout does not have, is no parameter.
    expect(parseRoute('#/feedback?mailbox=unresolved')).toEqual({ name: 'feedback' });
    expect(parseRoute('#/feedback?mailbox=archive')).toEqual({ name: 'feedback' });
  });

  it('offer Sentry\'s two status actions for each mailbox', () => {
    const labels = (s: 'unresolved' | 'resolved' | 'ignored') => statusActions(s).map((a) => `${a.label}→${a.status}`);
    expect(labels('unresolved')).toEqual(['Resolve→resolved', 'Mark as Spam→ignored']);
    expect(labels('resolved')).toEqual(['Unresolve→unresolved', 'Mark as Spam→ignored']);
    expect(labels('ignored')).toEqual(['Resolve→resolved', 'Move to Inbox→unresolved']);
  });
});
