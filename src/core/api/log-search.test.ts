import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLogSearch } from '../../shared/log-search-syntax';
import { openStore, removeStoreDirs, tempStoreDir } from '../store/test-dictionary-store';
import type { DB } from '../store/db';
import { logQueries } from './log-queries';
import { logSearchSql } from './log-search-sql';
import { logSearchSuggestions } from './log-search-suggest';

const TRACE = '7785a46fea044fee82f899fc602ba9e8';
/** Attributes in the typed form `@sentry/node`'s `Sentry.logger` sends (see the corpus' log envelopes). */
const typed = (attrs: Record<string, string | number | boolean>) => JSON.stringify(Object.fromEntries(Object.entries(attrs)
  .map(([k, v]) => [k, { value: v, type: typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : Number.isInteger(v) ? 'integer' : 'double' }])));

let db: DB;
beforeAll(() => {
  db = openStore(tempStoreDir());
  const insert = db.prepare('INSERT INTO logs (project_id, envelope_id, timestamp, trace_id, level, body, attributes) VALUES (1, 1, ?, ?, ?, ?, ?)');
  insert.run(1, TRACE, 'info', 'Checkout started for c3', typed({ customer: 'c3', cart: 3, paid: false, 'sentry.message.template': 'Checkout started for %s' }));
  insert.run(2, null, 'warn', 'Payment slow', typed({ customer: 'c30', 'latency.ms': 812.5, region: 'eu west' }));
  insert.run(3, null, 'error', 'Payment failed', typed({ customer: 'C3', cart: 12, paid: true }));
  insert.run(4, null, 'info', 'heartbeat', '{"plain":"untyped value"}');
});
afterAll(() => { db.close(); removeStoreDirs(); });

const bodies = (query: string) => logQueries(db).list({ query }).items.map((l) => l.body);

describe('Logs search syntax', () => {
  it('reads attributes, severity, trace, message, has, lists, comparisons; the rest is body text', () => {
    const s = parseLogSearch('!customer:c3 severity:[error,warning] has:region message:"pay*" trace:7785A46F-EA04-4FEE-82F8-99FC602BA9E8 cart:>=3 slow http://x.io');
    expect(s.attributes).toEqual([{ key: 'customer', values: ['c3'], negate: true }, { key: 'cart', values: [], negate: false, compare: { op: '>=', value: 3 } }]);
    expect(s.levels).toEqual([{ values: ['error', 'warn', 'warning'], negate: false }]);
    expect(s.has).toEqual([{ key: 'region', negate: false }]);
    expect(s.messages).toEqual([{ value: 'pay*', negate: false }]);
    expect(s.traces).toEqual([TRACE]);
    expect(s.text).toBe('slow http://x.io');
    expect(s.problems).toEqual([]);
  });

  it('explains bad syntax instead of searching it silently', () => {
    expect(parseLogSearch('customer:').problems).toEqual(['customer: needs a value, such as customer:value (or has:customer).']);
    expect(parseLogSearch('customer:"c3').problems[0]).toMatch(/quote is not closed/);
    expect(parseLogSearch('cart:>ten').problems[0]).toMatch(/needs a number/);
    expect(parseLogSearch('severity:loud').problems[0]).toMatch(/"loud" matches no log/);
    expect(parseLogSearch('trace:abc').problems[0]).toMatch(/32-digit hex/);
    expect(parseLogSearch(Array.from({ length: 11 }, (_, i) => `k${i}:v`).join(' ')).problems).toHaveLength(1);
  });

  it('maps message.template to the SDK attribute', () => {
    expect(parseLogSearch('message.template:"Checkout started for %s"').attributes[0]?.key).toBe('sentry.message.template');
  });
});

describe('Logs filtered by attribute', () => {
  it('matches a string attribute exactly and case-sensitively, as Sentry does', () => {
    expect(bodies('customer:c3')).toEqual(['Checkout started for c3']);
    expect(bodies('customer:C3')).toEqual(['Payment failed']);
    expect(bodies('!customer:c3')).toEqual(['heartbeat', 'Payment failed', 'Payment slow']);
  });

  it('matches numbers and booleans by what the SDK typed, lists, wildcards and number bounds', () => {
    expect(bodies('cart:3')).toEqual(['Checkout started for c3']);
    expect(bodies('paid:true')).toEqual(['Payment failed']);
    expect(bodies('customer:[c30,C3]')).toEqual(['Payment failed', 'Payment slow']);
    expect(bodies('customer:c3*')).toEqual(['Payment slow', 'Checkout started for c3']);
    expect(bodies('cart:>5')).toEqual(['Payment failed']);
    expect(bodies('latency.ms:<=812.5')).toEqual(['Payment slow']);
    expect(bodies('region:"eu west"')).toEqual(['Payment slow']);
    expect(bodies('plain:"untyped value"')).toEqual(['heartbeat']);
  });

  it('combines has:, severity:, trace:, message: and body text', () => {
    expect(bodies('has:region')).toEqual(['Payment slow']);
    expect(bodies('!has:customer')).toEqual(['heartbeat']);
    expect(bodies('severity:warning')).toEqual(['Payment slow']);
    expect(bodies('level:[error,info] customer:C3')).toEqual(['Payment failed']);
    expect(bodies(`trace:${TRACE}`)).toEqual(['Checkout started for c3']);
    expect(bodies('message:payment* !severity:error')).toEqual([]);
    expect(bodies('message:Payment* !severity:error')).toEqual(['Payment slow']);
    expect(bodies('payment customer:c30')).toEqual(['Payment slow']);
    expect(bodies('message.template:"Checkout started for %s"')).toEqual(['Checkout started for c3']);
  });

  it('scans through the time index in list order: no table scan, no sort (the plan a 1,000,000-log store gets)', () => {
    const { conditions, args } = logSearchSql(parseLogSearch('customer:c3 !has:region severity:info cart:>1 checkout'));
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM logs WHERE (timestamp > @bts OR (timestamp = @bts AND id >= @bid))
      AND ${conditions.join(' AND ')} ORDER BY timestamp DESC, id DESC LIMIT 201`).all({ ...args, bts: 0, bid: 0 }) as { detail: string }[];
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(/USING INDEX logs_time/);
    expect(details).not.toMatch(/TEMP B-TREE/);
  });
});

describe('Logs search suggestions', () => {
  it('lists the attribute keys of the newest logs, and the values of one from a typed prefix (any case)', () => {
    const s = logSearchSuggestions(db);
    expect(s.keys().keys).toEqual(['cart', 'customer', 'latency.ms', 'paid', 'plain', 'region', 'sentry.message.template']);
    expect(s.values('customer', 'c3').values).toEqual(['C3', 'c3', 'c30']);
    expect(s.values('customer', 'C30').values).toEqual(['c30']);
    expect(s.values('cart', '').values).toEqual(['3', '12']);
    expect(s.values('message.template', 'Check').values).toEqual(['Checkout started for %s']);
    expect(s.values('nothing', '').values).toEqual([]);
  });
});
