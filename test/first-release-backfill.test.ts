import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { DB } from '../src/core/store/db';
import { post, startTestLookout } from './helpers/lookout';
import { errorEvent, eventEnvelope, newEventId } from './reliability/support';

let dataDir = '';
afterAll(() => { if (dataDir) rmSync(dataDir, { recursive: true, force: true }); });

describe('migration 045: first release by event time', () => {
  it('sets an upgraded store\'s first releases from the earliest-dated stored event, keeping those whose first sighting is gone', async () => {
    let db: DB | null = null;
    const lines: string[] = [];
    const first = await startTestLookout({ onDatabase: (d) => { db = d; } });
    dataDir = first.dataDir;
    const send = async (kind: number, release: string, daysAgo: number) => {
      const id = newEventId();
      const event = { ...errorEvent(id, kind), release, timestamp: Date.now() / 1000 - daysAgo * 86_400 };
      expect((await post(`${first.url}/api/1/envelope/`, eventEnvelope(id, event))).status).toBe(200);
      return id;
    };
    // Issue A: its newest release arrived first, its oldest event later. Issue B: its first sighting will be gone.
    await send(1, 'app@3.0.0', 1);
    await send(1, 'app@1.0.0', 20);
    const pruned = await send(2, 'app@1.0.0', 15);
    await send(2, 'app@3.0.0', 2);
    await send(2, 'app@3.0.0', 1);
    const issueOf = (kind: number) => db!.prepare('SELECT id FROM issues WHERE title LIKE ?').pluck().get(`CrashTestError${kind}%`) as number;
    const a = issueOf(1);
    const b = issueOf(2);
    await first.close();

    // As an older Lookout left it: first release by arrival, and B's first event pruned since.
    const raw = new Database(`${dataDir}/lookout.db`);
    raw.prepare("UPDATE issues SET first_release = 'app@3.0.0' WHERE id = ?").run(a);
    raw.prepare("UPDATE issues SET first_release = 'app@0.9.0' WHERE id = ?").run(b);
    raw.prepare('DELETE FROM events WHERE event_id = ?').run(pruned);
    raw.prepare('DELETE FROM schema_migrations WHERE version = 45').run();
    raw.close();

    const again = await startTestLookout({ dataDir, log: (l) => lines.push(l), onDatabase: (d) => { db = d; } });
    const release = (id: number) => db!.prepare('SELECT first_release FROM issues WHERE id = ?').pluck().get(id);
    expect(release(a)).toBe('app@1.0.0');
    expect(release(b)).toBe('app@0.9.0');
    expect(lines).toContain('upgrading the store: migration 45 (first-release-by-time)…');
    await again.close();
  });
});
