import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEnvelope } from '../ingest/envelope';
import type { ParsedBundle, ReportInput } from './report-input';
import { DEFAULT_SCRUB_RULES } from './report-input';
import { buildBundle } from './bundle';
import { BUNDLE_FORMAT, parseBundle } from './bundle-parse';
import { BundleError } from './bundle-check';
import { CORPUS_DIR, REPLAY_ENVELOPE_ID, realReportInput, SECRETS } from './test-report-input';

/** A corpus envelope whose declared item length runs past its end (see the corpus README). */
const MANGLED = readFileSync(`${CORPUS_DIR}envelope_with_screenshot.bin`);

let input: ReportInput;
beforeAll(async () => {
  input = await realReportInput();
});

/** The rrweb JSON of a recording payload (`{"segment_id":N}` line + zlib body). */
function recordingJson(payload: Buffer): unknown {
  const body = payload.subarray(payload.indexOf(0x0a) + 1);
  return JSON.parse(inflateSync(body).toString('utf8'));
}

/** Every text a bundle holds, binary parts decoded: what a leak check must search. */
function bundleTexts(buf: Buffer, parsed: ParsedBundle): string[] {
  return [
    buf.toString('utf8'),
    ...parsed.envelopes.map((e) => e.raw.toString('utf8')),
    ...parsed.envelopes.flatMap((e) => parseEnvelope(e.raw).items)
      .filter((i) => i.headers.type === 'replay_recording').map((i) => JSON.stringify(recordingJson(i.payload))),
    ...parsed.attachments.map((a) => a.data?.toString('utf8') ?? ''),
    ...(parsed.replay?.segments ?? []).map((s) => JSON.stringify(recordingJson(s.data))),
  ];
}

/** Paths where `after` differs from `before`; each must be a `[Filtered]` spot. */
function changedLeaves(before: unknown, after: unknown, path = ''): { path: string; before: unknown; after: unknown }[] {
  if (typeof before === 'object' && before !== null && typeof after === 'object' && after !== null) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => changedLeaves((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return Object.is(before, after) ? [] : [{ path, before, after }];
}

function expectOnlyFiltered(before: unknown, after: unknown): number {
  const changes = changedLeaves(before, after);
  for (const c of changes) expect(String(c.after), c.path).toContain('[Filtered]');
  return changes.length;
}

describe('buildBundle / parseBundle round trip', () => {
  it('gives back exactly what went in without scrubbing (latest 10 events)', () => {
    const buf = buildBundle(input, { scrub: null, includeReplay: true });
    expect(JSON.parse(buf.toString('utf8'))).toMatchObject({ format: BUNDLE_FORMAT, scrubRules: null, replayIncluded: true, notes: [] });
    const parsed = parseBundle(buf);
    const kept = input.events.slice(0, 10);
    expect(parsed.issue).toEqual(input.issue);
    expect(parsed.events).toEqual(kept);
    const ids = [...kept.map((e) => e.envelopeId), REPLAY_ENVELOPE_ID].sort((a, b) => a - b);
    expect(parsed.envelopes).toEqual(ids.map((id) => ({ id, raw: input.rawEnvelopes.get(id) })));
    const keptIds = new Set(kept.map((e) => e.eventId));
    expect(parsed.attachments).toEqual(input.attachments.filter((a) => a.info.eventId === null || keptIds.has(a.info.eventId)));
    expect(parsed.replay).toEqual(input.replay);
    for (const secret of Object.values(SECRETS)) expect(bundleTexts(buf, parsed).join('\n')).toContain(secret);
  });

  it('scrubs every part, raw envelopes and attachments included, and changes nothing else', () => {
    const buf = buildBundle(input, { scrub: DEFAULT_SCRUB_RULES, includeReplay: true });
    const parsed = parseBundle(buf);
    const texts = bundleTexts(buf, parsed).join('\n');
    for (const secret of Object.values(SECRETS)) expect(texts).not.toContain(secret);
    expectOnlyFiltered(input.issue, parsed.issue);
    expect(changedLeaves(input.issue, parsed.issue).map((c) => c.path)).toEqual(['.title', '.tags.1.values.0.value']);
    expect(expectOnlyFiltered(input.events.slice(0, 10), parsed.events)).toBeGreaterThanOrEqual(10 * 6);
    for (const env of parsed.envelopes) {
      const original = parseEnvelope(input.rawEnvelopes.get(env.id) ?? Buffer.alloc(0));
      const scrubbed = parseEnvelope(env.raw);
      expect(scrubbed.items.map((i) => i.headers.type)).toEqual(original.items.map((i) => i.headers.type));
      scrubbed.items.forEach((item, i) => {
        const before = original.items[i]?.payload ?? Buffer.alloc(0);
        if (item.headers.type === 'replay_recording') expect(recordingJson(item.payload)).toEqual(recordingJson(before));
        else if (item.headers.type === 'attachment') expect(item.payload.toString()).toBe(before.toString().replace(SECRETS.password, '[Filtered]'));
        else expectOnlyFiltered(JSON.parse(before.toString()), JSON.parse(item.payload.toString()));
      });
    }
    const log = parsed.attachments.find((a) => a.info.filename === 'checkout.log');
    expect(log?.data?.toString()).toBe('POST /pay\npassword=[Filtered]\n');
    expect(log?.info.size).toBe(log?.data?.length);
    const image = parsed.attachments.find((a) => a.info.contentType === 'image/jpeg');
    expect(image?.data).toEqual(input.attachments.find((a) => a.info.contentType === 'image/jpeg')?.data);
    expect(expectOnlyFiltered(input.replay?.events, parsed.replay?.events)).toBe(0);
  });

  it('leaves the replay out, recording items included, when the box is unticked', () => {
    const parsed = parseBundle(buildBundle(input, { scrub: DEFAULT_SCRUB_RULES, includeReplay: false }));
    expect(parsed.replay).toBeNull();
    const types = parsed.envelopes.flatMap((e) => parseEnvelope(e.raw).items.map((i) => i.headers.type));
    expect(types).toContain('replay_event');
    expect(types).not.toContain('replay_recording');
    const unscrubbed = parseBundle(buildBundle(input, { scrub: null, includeReplay: false }));
    expect(unscrubbed.replay).toBeNull();
    expect(unscrubbed.envelopes.flatMap((e) => parseEnvelope(e.raw).items).some((i) => i.headers.type === 'replay_recording')).toBe(false);
  });

  it('honours maxEvents and keeps only the envelopes and attachments of kept events', () => {
    const parsed = parseBundle(buildBundle(input, { scrub: null, includeReplay: true, maxEvents: 3 }));
    expect(parsed.events.map((e) => e.eventId)).toEqual(input.events.slice(0, 3).map((e) => e.eventId));
    expect(parsed.envelopes.map((e) => e.id)).toEqual([...input.events.slice(0, 3).map((e) => e.envelopeId), REPLAY_ENVELOPE_ID].sort((a, b) => a - b));
    expect(parsed.attachments.every((a) => parsed.events.some((e) => e.eventId === a.info.eventId))).toBe(true);
  });

  it('leaves out, with a note, an envelope it cannot parse and so cannot scrub', () => {
    const withBad: ReportInput = { ...input, rawEnvelopes: new Map([...input.rawEnvelopes, [950, MANGLED]]) };
    const scrubbed = JSON.parse(buildBundle(withBad, { scrub: DEFAULT_SCRUB_RULES, includeReplay: true }).toString()) as { notes: string[]; envelopes: { id: number }[] };
    expect(scrubbed.envelopes.map((e) => e.id)).not.toContain(950);
    // The other notes name the attachments scrubbing changed.
    expect(scrubbed.notes.filter((n) => n.startsWith('envelope'))).toEqual([expect.stringMatching(/^envelope 950 left out: cannot be parsed \(item 2 .*declares length 48833.*\), so it could not be scrubbed$/)]);
    const raw = parseBundle(buildBundle(withBad, { scrub: null, includeReplay: true }));
    expect(raw.envelopes.find((e) => e.id === 950)?.raw).toEqual(MANGLED);
  });
});

describe('parseBundle rejects what is not a valid bundle', () => {
  let valid: Record<string, unknown>;
  beforeAll(() => {
    valid = JSON.parse(buildBundle(input, { scrub: DEFAULT_SCRUB_RULES, includeReplay: true, maxEvents: 2 }).toString()) as Record<string, unknown>;
  });
  const mutated = (change: (b: Record<string, unknown>) => void): Buffer => {
    const copy = structuredClone(valid);
    change(copy);
    return Buffer.from(JSON.stringify(copy));
  };
  const field = (b: Record<string, unknown>, key: string): Record<string, unknown>[] => b[key] as Record<string, unknown>[];

  it.each<[string, () => Buffer, RegExp]>([
    ['an empty file', () => Buffer.alloc(0), /^Invalid Lookout bundle: the file is empty$/],
    ['an envelope instead of a bundle', () => readFileSync(`${CORPUS_DIR}envelope_binary.bin`), /^Invalid Lookout bundle: the file is not JSON \(/],
    ['a truncated bundle', () => buildBundle(input, { scrub: null, includeReplay: false }).subarray(0, 5000), /the file is not JSON/],
    ['a JSON array', () => Buffer.from('[]'), /^Invalid Lookout bundle: the file must be an object, found array$/],
    ['another format', () => mutated((b) => { b.format = 'lookout-bundle/2'; }), /expected format "lookout-bundle\/1", found "lookout-bundle\/2"$/],
    ['no format', () => Buffer.from('{"issue":{}}'), /expected format "lookout-bundle\/1", found no format field$/],
    ['a bad payload', () => mutated((b) => { field(b, 'events')[1]!.payload = 'x'; }), /^Invalid Lookout bundle: events\[1\]\.payload must be an object, found string$/],
    ['a bad status', () => mutated((b) => { (b.issue as Record<string, unknown>).status = 'open'; }), /issue\.status must be one of unresolved, resolved, resolved_next_release, ignored, found "open"$/],
    ['bad base64', () => mutated((b) => { field(b, 'envelopes')[0]!.data = 'ab$='; }), /^Invalid Lookout bundle: envelopes\[0\]\.data is not valid base64$/],
    ['a duplicate envelope', () => mutated((b) => { field(b, 'envelopes').push(field(b, 'envelopes')[0]!); }), /envelopes holds the id \d+ twice$/],
    ['a bad replay event', () => mutated((b) => { ((b.replay as Record<string, unknown>).events as unknown[])[0] = { type: 'x' }; }), /replay\.events\[0\]\.type must be a finite number, found string$/],
    ['a missing attachment field', () => mutated((b) => { delete (field(b, 'attachments')[0]!.info as Record<string, unknown>).filename; }), /attachments\[0\]\.info\.filename must be a string, found undefined$/],
  ])('%s', (_name, make, message) => {
    expect(() => parseBundle(make())).toThrow(BundleError);
    expect(() => parseBundle(make())).toThrow(message);
  });

  it('throws only BundleError, never a crash, whatever replaces a part', () => {
    const keys = ['format', 'issue', 'events', 'envelopes', 'attachments', 'replay'];
    fc.assert(fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, value) => {
      try {
        parseBundle(mutated((b) => { b[key] = value; }));
      } catch (err) {
        expect(err).toBeInstanceOf(BundleError);
      }
    }), { numRuns: 300 });
  });
});
