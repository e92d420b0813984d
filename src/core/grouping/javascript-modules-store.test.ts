import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { post, startTestLookout, type TestLookout } from '../../../test/helpers/lookout';
import type { DB } from '../store/db';
import { regroupAll } from '../store/regroup';
import { SPOTLIGHT_CORPUS } from './test-support/corpus';

let lookout: TestLookout;
let db: DB;
afterEach(() => lookout.stopAndClean());

// The hashes Lookout gave these corpus events before frames got Sentry's made-up JS modules
// (computed by commit b0986dc): Node frames are file paths with the SDK's own module, which the
// rule never touches, so they must not move; the Flutter web event's .dart URLs now get modules.
const BEFORE = {
  nextjs: ['1e6908157da8fb2217bb91145d1db18e', '819a7eeb056a540c00d71b8a166e9826'],
  nodeAttachment: ['0f7bbe0c3090a6dea6bba242fb12ff54', '53cc716911d2ee2dd027d356fd2cd688'],
  flutterWeb: ['f2f70b381ec3d177300b74d9c6c3d1e0'],
};

/** Sends a corpus envelope's header and its event item (some fixtures' attachments are cut short). */
async function store(file: string): Promise<string> {
  const body = readFileSync(`${SPOTLIGHT_CORPUS}/${file}`);
  const lines: Buffer[] = [];
  for (let start = 0; start < body.length && lines.length < 5;) {
    const end = body.indexOf(0x0a, start);
    lines.push(body.subarray(start, end === -1 ? body.length : end));
    start = end === -1 ? body.length : end + 1;
  }
  const at = lines.findIndex((line, index) => index > 0 && /"type":"event"/.test(line.toString('latin1')));
  expect(at).toBeGreaterThan(0);
  const itemHeader = JSON.stringify({ type: 'event', length: lines[at + 1]!.length });
  const res = await post(`${lookout.url}/api/1/envelope/`, Buffer.concat([lines[0]!, Buffer.from(`\n${itemHeader}\n`), lines[at + 1]!, Buffer.from('\n')]));
  expect(res.status, res.text).toBe(200);
  return String(res.json?.id);
}

const storedHashes = (eventId: string): string[] =>
  JSON.parse(db.prepare("SELECT hashes FROM events WHERE event_id = ? AND kind = 'event'").pluck().get(eventId) as string) as string[];

describe('stored events and the JS module rule', () => {
  it('Node events keep the hashes they had, at ingest and after a regroup; a browser event takes the new ones', async () => {
    lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
    const ids = {
      nextjs: await store('envelope_with_nextjs_ansi_escapes.txt'),
      nodeAttachment: await store('attachments_envelope_with_text.txt'),
      flutterWeb: await store('envelope_with_screenshot.bin'),
    };
    expect(storedHashes(ids.nextjs)).toEqual(BEFORE.nextjs);
    expect(storedHashes(ids.nodeAttachment)).toEqual(BEFORE.nodeAttachment);
    const flutter = storedHashes(ids.flutterWeb);
    expect(flutter).not.toEqual(BEFORE.flutterWeb);

    const summary = regroupAll(db, () => undefined);
    expect(summary).toMatchObject({ events: 3, issuesBefore: 3, issuesAfter: 3, kept: 3 });
    expect(storedHashes(ids.nextjs)).toEqual(BEFORE.nextjs);
    expect(storedHashes(ids.nodeAttachment)).toEqual(BEFORE.nodeAttachment);
    expect(storedHashes(ids.flutterWeb)).toEqual(flutter);
  });
});
