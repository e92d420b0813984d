import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../store/db';
import { settingsStore } from './settings';
import { configuredRoots, sourceRootsResolver } from './source-scope';
import { HttpError } from './http-util';

const dirs: string[] = [];
const dbs: DB[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function store(dir = mkdtempSync(path.join(tmpdir(), 'lookout-fetch-settings-'))): { db: DB; dir: string } {
  if (!dirs.includes(dir)) dirs.push(dir);
  const { db } = openDatabase(dir);
  dbs.push(db);
  return { db, dir };
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(400);
    return (err as Error).message;
  }
  throw new Error('not refused');
}

describe('the fetch settings (switch and extra hosts)', () => {
  it('default to on with no extra host, are stored normalised, and survive a restart', () => {
    const { db, dir } = store();
    const settings = settingsStore(db);
    expect(settings.get().sourceFetch).toEqual({ enabled: true, hosts: [] });
    const saved = settings.update({ sourceFetch: { enabled: true, hosts: ['192.168.1.20:5173', ' MyApp.Test ', 'http://myapp.test/'] } });
    expect(saved.sourceFetch).toEqual({ enabled: true, hosts: ['192.168.1.20:5173', 'myapp.test'] });
    // A patch without hosts keeps them; one without the switch keeps it.
    expect(settings.update({ sourceFetch: { enabled: false } as never }).sourceFetch).toEqual({ enabled: false, hosts: ['192.168.1.20:5173', 'myapp.test'] });
    expect(settings.update({ sourceFetch: { hosts: ['dev.box'] } as never }).sourceFetch).toEqual({ enabled: false, hosts: ['dev.box'] });
    db.close();
    dbs.splice(dbs.indexOf(db), 1);
    expect(settingsStore(store(dir).db).get().sourceFetch).toEqual({ enabled: false, hosts: ['dev.box'] });
  });

  it('refuse a bad host, a wildcard, a non-list or a non-boolean switch, and keep what was stored', () => {
    const { db } = store();
    const settings = settingsStore(db);
    settings.update({ sourceFetch: { enabled: true, hosts: ['dev.box'] } });
    expect(refusal(() => settings.update({ sourceFetch: { enabled: true, hosts: ['dev.box', 'not a host'] } }))).toBe('sourceFetch.hosts: "not a host" is not a host name, an IP address or host:port');
    expect(refusal(() => settings.update({ sourceFetch: { enabled: true, hosts: ['*.lan'] } }))).toContain('wildcards are not taken');
    expect(refusal(() => settings.update({ sourceFetch: { enabled: true, hosts: 'dev.box' } as never }))).toContain('must be a list');
    expect(refusal(() => settings.update({ sourceFetch: { enabled: 'yes', hosts: [] } as never }))).toBe('sourceFetch.enabled must be true or false');
    expect(refusal(() => settings.update({ sourceFetch: null as never }))).toContain('must be an object');
    expect(settings.get().sourceFetch).toEqual({ enabled: true, hosts: ['dev.box'] });
  });

  it('apply live: the next snapshot ingest and the view read carries them, with --fetch-host added', () => {
    const { db } = store();
    const roots = configuredRoots(db, [], ['10.0.0.5:5173']);
    const resolver = sourceRootsResolver(roots);
    const before = roots();
    expect(before.fetching).toEqual({ enabled: true, extraHosts: ['10.0.0.5:5173'] });
    expect(roots()).toBe(before); // unchanged settings: the same snapshot, so the prepare worker is not sent it again
    settingsStore(db).update({ sourceFetch: { enabled: true, hosts: ['192.168.1.20:5173', '10.0.0.5:5173'] } });
    const after = roots();
    expect(after).not.toBe(before);
    expect(after.fetching).toEqual({ enabled: true, extraHosts: ['10.0.0.5:5173', '192.168.1.20:5173'] });
    expect(resolver.fetching?.()).toEqual(after.fetching);
    settingsStore(db).update({ sourceFetch: { enabled: false, hosts: [] } });
    expect(resolver.fetching?.()).toEqual({ enabled: false, extraHosts: ['10.0.0.5:5173'] });
  });

  it('a damaged stored value falls back to the default', () => {
    const { db } = store();
    db.prepare("INSERT INTO settings (key, value) VALUES ('sourceFetch', '\"oops\"')").run();
    expect(configuredRoots(db, [])().fetching).toEqual({ enabled: true, extraHosts: [] });
    expect(settingsStore(db).get().sourceFetch).toEqual({ enabled: true, hosts: [] });
    expect(settingsStore(db).update({ sourceFetch: { enabled: false } as never }).sourceFetch).toEqual({ enabled: false, hosts: [] });
  });
});
