import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseEnvelope } from '../ingest/envelope';
import { profileFacts } from './profile-facts';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/protocol/spotlight/', import.meta.url));
const profileOf = (file: string) => parseEnvelope(readFileSync(CORPUS + file)).items.find((i) => i.headers.type === 'profile')!.payload;
const bytes = (v: unknown) => Buffer.from(JSON.stringify(v));

describe('profileFacts', () => {
  it("reads a real @sentry/react v1 profile's transaction (`transactions[0].id`) and its own id, whatever the keys' order", () => {
    expect(profileFacts('profile', profileOf('enveplope_browser_js_profile.bin'))).toEqual({
      transaction_id: 'a79bb264f52f4a9992d7b1914a0c27d5', profile_id: 'e1445bbbdc2145f8b53aa8a11ed71406', profiler_id: null, start_ms: null, end_ms: null });
    expect(profileFacts('profile', profileOf('application_x_sentry_envelope-1701423930091.txt'))).toMatchObject({
      transaction_id: '78ad2fa7b4eb4fd4a1f055d9db1d511b', profile_id: 'c34629add2af4829934e537a8f708893' });
  });

  it("reads a real sentry.cocoa chunk's profiler and the first and last of its samples' times", () => {
    const line = readFileSync(CORPUS + 'profile_chunk_1.txt', 'utf8').split('\n')[2]!;
    const facts = profileFacts('profile_chunk', Buffer.from(line));
    expect(facts).toMatchObject({ transaction_id: null, profile_id: null, profiler_id: '71bba98d90b545c39f2ae73f702d7ef4' });
    const times = (JSON.parse(line) as { profile: { samples: { timestamp: number }[] } }).profile.samples.map((s) => s.timestamp * 1000);
    expect([facts.start_ms, facts.end_ms]).toEqual([Math.min(...times), Math.max(...times)]);
  });

  it('reads `transaction.id` past a name holding braces and quotes, Android\'s `transaction_id`, and the `profile_id` alias', () => {
    const id = '0F8FAD5B-D9CB-469F-A165-70867728950E';
    expect(profileFacts('profile', bytes({ profile: { samples: [] }, transaction: { name: 'GET /a/{id} "}"', id }, event_id: 'a'.repeat(32) })))
      .toMatchObject({ transaction_id: '0f8fad5bd9cb469fa16570867728950e', profile_id: 'a'.repeat(32) });
    expect(profileFacts('profile', bytes({ profile_id: 'b'.repeat(32), transaction_id: 'c'.repeat(32), sampled_profile: 'AAAA' })))
      .toMatchObject({ transaction_id: 'c'.repeat(32), profile_id: 'b'.repeat(32) });
  });

  it('leaves out what is not there or not a clock: no ids, string or absurd times, bytes that are not JSON', () => {
    const none = { transaction_id: null, profile_id: null, profiler_id: null, start_ms: null, end_ms: null };
    expect(profileFacts('profile', bytes({ transaction: 'a name, not metadata', transactions: [] }))).toEqual(none);
    expect(profileFacts('profile_chunk', bytes({ profiler_id: 'xyz', profile: { samples: [{ timestamp: '2024-08-27' }, { timestamp: 1e300 }, { timestamp: -5 }] } }))).toEqual(none);
    expect(profileFacts('profile_chunk', Buffer.from([0xff, 0x22, 0x74, 0x69, 0x6d, 0x65, 0x73, 0x74, 0x61, 0x6d, 0x70, 0x22]))).toEqual(none);
  });
});
