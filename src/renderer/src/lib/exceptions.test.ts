import { describe, expect, it } from 'vitest';
import type { SentryException } from '../../../shared/sentry';
import { exceptionsOf, orderExceptions } from './exceptions';

describe('exception ordering', () => {
  it('shows the thrown exception first and the root cause last', () => {
    const chain: SentryException[] = [{ type: 'RootCause' }, { type: 'Middle' }, { type: 'Thrown' }];
    const out = orderExceptions(chain, 'java');
    expect(out.map((e) => e.exception.type)).toEqual(['Thrown', 'Middle', 'RootCause']);
    expect(out.map((e) => e.relation)).toEqual([null, 'Caused by', 'Caused by']);
    // A platform whose SDK does not say which link it followed gets no "caused by" claim.
    expect(orderExceptions(chain, 'go').map((e) => e.relation)).toEqual([null, 'Chained exception', 'Chained exception']);
  });

  it('reads SDK-linked causes (exception_id/parent_id without a group) as a plain chain', () => {
    const linked: SentryException[] = [
      { type: 'TypeError', mechanism: { type: 'chained', source: 'cause', exception_id: 1, parent_id: 0 } },
      { type: 'Error', mechanism: { type: 'generic', exception_id: 0 } },
    ];
    expect(orderExceptions(linked, 'javascript').map((e) => [e.exception.type, e.depth, e.relation])).toEqual([
      ['Error', 0, null], ['TypeError', 0, 'Caused by'],
    ]);
  });

  it('nests exception-group members under their group', () => {
    const group: SentryException[] = [
      { type: 'ValueError', mechanism: { exception_id: 2, parent_id: 1 } },
      { type: 'TypeError', mechanism: { exception_id: 3, parent_id: 1 } },
      { type: 'ExceptionGroup', mechanism: { exception_id: 1, is_exception_group: true } },
    ];
    const out = orderExceptions(group);
    expect(out.map((e) => [e.exception.type, e.depth, e.relation])).toEqual([
      ['ExceptionGroup', 0, 'Exception group'], ['TypeError', 1, 'In group #1'], ['ValueError', 1, 'In group #1'],
    ]);
  });

  it('survives cycles and junk', () => {
    const cyclic: SentryException[] = [
      { type: 'A', mechanism: { exception_id: 1, parent_id: 2 } },
      { type: 'B', mechanism: { exception_id: 2, parent_id: 1 } },
    ];
    expect(orderExceptions(cyclic).every((e) => e.depth <= 2)).toBe(true);
    expect(exceptionsOf({ exception: { values: [null, 'x', { type: 'ok' }] as unknown as SentryException[] } })).toHaveLength(1);
    expect(exceptionsOf({ exception: 'bad' as unknown as { values: [] } })).toEqual([]);
  });
});
