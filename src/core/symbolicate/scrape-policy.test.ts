import { describe, expect, it } from 'vitest';
import { isLoopbackHost, scrapeDecision } from './scrape-policy';

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
});
