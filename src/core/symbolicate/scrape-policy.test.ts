import { describe, expect, it } from 'vitest';
import { isLoopbackHost, mayScrape, scrapeDecision } from './scrape-policy';

describe('which hosts Lookout fetches scripts and maps from', () => {
  it.each([
    ['localhost', true], ['LOCALHOST', true], ['app.localhost', true], ['localhost.', true],
    ['127.0.0.1', true], ['127.1.2.3', true], ['[::1]', true],
    ['example.com', false], ['localhost.example.com', false], ['10.0.0.5', false], ['192.168.1.2', false],
    ['0.0.0.0', false], ['[::ffff:7f00:1]', false], ['127.example.com', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it('fetches scripts from loopback origins, whatever the port or scheme', () => {
    for (const url of ['http://localhost:5173/src/main.tsx?t=1', 'https://127.0.0.1:8443/assets/index-3f9a.js', 'http://[::1]:3000/app.mjs', 'http://shop.localhost/static/app.js']) {
      expect(scrapeDecision(url, 'script', {})).toMatchObject({ ok: true, loopback: true });
    }
  });

  it('never fetches another host unless the user listed it', () => {
    const refused = scrapeDecision('https://shop.example.com/static/app.js', 'script', {});
    expect(refused).toMatchObject({ ok: false, kind: 'host-not-allowed' });
    expect(!refused.ok && refused.reason).toContain('shop.example.com is not on this machine');
    expect(scrapeDecision('https://shop.example.com/static/app.js', 'script', { extraHosts: ['shop.example.com'] })).toMatchObject({ ok: true, loopback: false });
    expect(scrapeDecision('http://dev.box:8080/app.js', 'script', { extraHosts: ['dev.box:8080'] })).toMatchObject({ ok: true });
    expect(scrapeDecision('http://dev.box:9090/app.js', 'script', { extraHosts: ['dev.box:8080'] })).toMatchObject({ ok: false, kind: 'host-not-allowed' });
  });

  it('turned off, nothing is fetched, loopback either', () => {
    expect(scrapeDecision('http://localhost:5173/app.js', 'script', { enabled: false })).toMatchObject({ ok: false, kind: 'host-not-allowed' });
  });

  it('fetches only what looks like a script or a map, over http(s), without credentials', () => {
    expect(scrapeDecision('http://localhost:3000/admin/delete-all', 'script', {})).toMatchObject({ ok: false, kind: 'not-fetchable' });
    expect(scrapeDecision('http://localhost:3000/etc/passwd', 'map', {})).toMatchObject({ ok: false, kind: 'not-fetchable' });
    expect(scrapeDecision('http://localhost:3000/static/app.js.map', 'map', {})).toMatchObject({ ok: true });
    expect(scrapeDecision('file:///home/me/app.js', 'script', {})).toMatchObject({ ok: false, kind: 'not-fetchable' });
    expect(scrapeDecision('http://user:pw@localhost:3000/app.js', 'script', {})).toMatchObject({ ok: false, kind: 'not-fetchable' });
  });

  it('a listed host with a port allows that port only; the scheme\'s own port counts when the URL names none', () => {
    const opts = { extraHosts: ['192.168.1.20:5173', 'myapp.test', 'secure.test:443', 'plain.test:80', '[fd00::2]:3000'] };
    const ok = (url: string, kind: 'script' | 'map' | 'source' = 'script') => scrapeDecision(url, kind, opts).ok;
    expect(ok('http://192.168.1.20:5173/src/main.tsx')).toBe(true);
    expect(ok('http://192.168.1.20:5174/src/main.tsx')).toBe(false);
    expect(ok('http://192.168.1.20/src/main.tsx')).toBe(false);
    expect(ok('http://myapp.test:8080/app.js')).toBe(true);
    expect(ok('https://MYAPP.TEST./app.js')).toBe(true);
    expect(ok('https://secure.test/app.js')).toBe(true);
    expect(ok('http://secure.test/app.js')).toBe(false);
    expect(ok('http://plain.test/app.js')).toBe(true);
    expect(ok('http://[fd00::2]:3000/app.js.map', 'map')).toBe(true);
    expect(ok('http://[fd00::2]:3001/app.js.map', 'map')).toBe(false);
    expect(ok('http://other.myapp.test/app.js')).toBe(false);
  });

  it('the refusal names the setting and the flag that allow the host', () => {
    const refused = scrapeDecision('http://192.168.1.20:5173/assets/index.js', 'script', { extraHosts: ['10.0.0.1'] });
    expect(!refused.ok && refused.reason).toContain('192.168.1.20:5173 is not on this machine');
    expect(!refused.ok && refused.reason).toContain('"Also fetch scripts and source maps from these hosts"');
    expect(!refused.ok && refused.reason).toContain('--fetch-host 192.168.1.20:5173');
    const off = scrapeDecision('http://localhost:5173/app.js', 'script', { enabled: false });
    expect(!off.ok && off.reason).toContain('turned off (Settings → "Fetch scripts and source maps from their URLs")');
  });

  it('original sources: source-like paths of compile-to-JS languages too, nothing else', () => {
    for (const path of ['src/App.vue', 'src/Main.elm', 'lib/util.coffee', 'src/page.svelte', 'src/x.ts']) {
      expect(scrapeDecision(`http://localhost:5173/${path}`, 'source', {})).toMatchObject({ ok: true });
    }
    expect(scrapeDecision('http://localhost:5173/admin/delete', 'source', {})).toMatchObject({ ok: false, kind: 'not-fetchable' });
    expect(scrapeDecision('http://localhost:5173/.env', 'source', {})).toMatchObject({ ok: false, kind: 'not-fetchable' });
    expect(scrapeDecision('http://elsewhere.test/src/x.ts', 'source', {})).toMatchObject({ ok: false, kind: 'host-not-allowed' });
  });

  it('the hot-path pre-check agrees with the full decision, listed hosts and ports included', () => {
    const opts = { extraHosts: ['192.168.1.20:5173', 'myapp.test'] };
    const cases = [
      'http://192.168.1.20:5173/app.js', 'http://192.168.1.20:05173/app.js', 'http://192.168.1.20:5174/app.js', 'https://myapp.test/app.js',
      'http://MyApp.Test:9/app.js', 'https://cdn.example.com/app.js', 'http://localhost:3000/app.js', 'http://[::1]:3000/app.js',
      'http://127.0.0.1/app.js', 'http://user@localhost/app.js', 'http://localhost:3000/not-a-script', 'webpack://app/./src/x.js',
    ];
    for (const url of cases) expect(mayScrape([url], opts), url).toBe(scrapeDecision(url, 'script', opts).ok);
    expect(mayScrape(['https://cdn.example.com/app.js', 'https://cdn.example.com/app.js', 'http://192.168.1.20:5173/app.js'], opts)).toBe(true);
    expect(mayScrape(['https://cdn.example.com/app.js'], { ...opts, explain: true })).toBe(true);
    expect(mayScrape(['http://localhost:3000/app.js'], { enabled: false })).toBe(false);
  });
});
