import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { computeGrouping } from '../grouping';
import { captureWithNodeSdk } from '../grouping/test-support/node-sdk';
import { corpusEvents, SPOTLIGHT_CORPUS } from '../grouping/test-support/corpus';
import { normalizeEvent } from './normalize-event';

const RECEIVED = Date.parse('2026-11-24T12:00:00Z');

/** A real @sentry/node error event, as it travels (through JSON). */
async function sdkEvent(): Promise<SentryEvent> {
  const [event] = await captureWithNodeSdk((scope) => [scope.captureException(new Error('card declined'))]);
  return event!;
}

describe('what normalisation replaces is recorded in event.errors, as Relay records it', () => {
  it('a level it cannot read: invalid_data with the value as sent, the level defaulted', async () => {
    const event = normalizeEvent({ ...(await sdkEvent()), level: 'catastrophic' }, null, RECEIVED);
    expect(event.level).toBe('error');
    expect(event.errors).toEqual([{ type: 'invalid_data', name: 'level', value: 'catastrophic', reason: 'invalid level' }]);
    expect(normalizeEvent({ level: 35 }, null, RECEIVED).errors).toEqual([{ type: 'invalid_data', name: 'level', value: 35 }]);
    expect(normalizeEvent({ level: { x: 1 } }, null, RECEIVED).errors)
      .toEqual([{ type: 'invalid_data', name: 'level', value: { x: 1 }, reason: 'expected a level' }]);
  });

  it("reads Relay's other level spellings and Python's numbers without an error", () => {
    const read = (level: unknown) => normalizeEvent({ level }, null, RECEIVED);
    expect([read('critical'), read('log'), read(30), read('WARN'), read('Error')].map((e) => [e.level, e.errors]))
      .toEqual([['fatal', undefined], ['info', undefined], ['warning', undefined], ['warning', undefined], ['error', undefined]]);
  });

  it('a timestamp that is none: invalid_data, the receive time used', async () => {
    const event = normalizeEvent({ ...(await sdkEvent()), timestamp: 'yesterday' }, null, RECEIVED);
    expect(event.timestamp).toBe(RECEIVED / 1000);
    expect(event.errors).toEqual([{ type: 'invalid_data', name: 'timestamp', value: 'yesterday', reason: expect.stringContaining('not a timestamp') }]);
    expect(normalizeEvent({ timestamp: true }, null, RECEIVED).errors).toEqual([{ type: 'invalid_data', name: 'timestamp', value: true, reason: 'expected a timestamp' }]);
  });

  it('a timestamp not believed: future_timestamp past a day ahead, past_timestamp over 30 days old, each with both clocks', () => {
    const ahead = RECEIVED / 1000 + 3 * 86_400;
    expect(normalizeEvent({ timestamp: ahead }, null, RECEIVED).errors).toEqual([{ type: 'future_timestamp', name: 'timestamp', value: ahead,
      sdk_time: new Date(ahead * 1000).toISOString(), server_time: new Date(RECEIVED).toISOString() }]);
    expect(normalizeEvent({ timestamp: '1999-12-31T23:00:00Z' }, null, RECEIVED).errors)
      .toEqual([{ type: 'past_timestamp', name: 'timestamp', value: '1999-12-31T23:00:00Z', sdk_time: '1999-12-31T23:00:00.000Z',
        server_time: new Date(RECEIVED).toISOString() }]);
  });

  it('an event id that is no UUID: invalid_data, a new id given', async () => {
    const event = normalizeEvent({ ...(await sdkEvent()), event_id: 'zz' }, null, RECEIVED);
    expect(event.event_id).toMatch(/^[0-9a-f]{32}$/);
    expect(event.errors).toEqual([{ type: 'invalid_data', name: 'event_id', value: 'zz', reason: 'expected a UUID' }]);
    // The envelope's id wins either way; the payload's bad value is still said.
    expect(normalizeEvent({ event_id: 'zz' }, 'a'.repeat(32), RECEIVED)).toMatchObject({ event_id: 'a'.repeat(32), errors: [{ name: 'event_id' }] });
  });

  it("keeps the SDK's own errors first and records several fixes in order", () => {
    const sent = { type: 'js_no_source', url: 'http://x/app.js' };
    const event = normalizeEvent({ errors: [sent], event_id: 'zz', timestamp: 'yesterday', level: 'catastrophic', start_timestamp: 'soon' },
      null, RECEIVED, { itemType: 'transaction' });
    expect(event.errors).toMatchObject([sent, { name: 'event_id' }, { name: 'timestamp' }, { name: 'start_timestamp', value: 'soon' }, { name: 'level' }]);
    expect(event.level).toBe('info');
    expect(normalizeEvent({ errors: 'odd', level: 'x' }, null, RECEIVED).errors)
      .toMatchObject([{ type: 'invalid_data', name: 'errors', value: 'odd' }, { name: 'level' }]);
  });

  it('leaves valid events as they were: no errors on real SDK events, their grouping unchanged', async () => {
    const sdk = await sdkEvent();
    expect(normalizeEvent(sdk, null, Date.now()).errors).toBeUndefined();
    const files = readdirSync(SPOTLIGHT_CORPUS).filter((f) => f.endsWith('.txt'));
    const events = files.flatMap((f) => [...corpusEvents(f), ...corpusEvents(f, 'transaction')]);
    expect(events.length).toBeGreaterThan(10);
    for (const raw of events) {
      // The corpus was recorded long ago: normalise at its own time, as on the day it was sent.
      const at = typeof raw.timestamp === 'number' ? raw.timestamp * 1000 : Date.parse(String(raw.timestamp));
      const event = normalizeEvent(raw, null, at);
      expect(event.errors, String(raw.event_id)).toEqual(raw.errors);
      const { errors: _errors, ...withoutErrors } = event;
      expect(computeGrouping(event).hashes).toEqual(computeGrouping(withoutErrors).hashes);
    }
  });
});
