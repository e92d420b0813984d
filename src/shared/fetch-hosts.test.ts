import { describe, expect, it } from 'vitest';
import { MAX_FETCH_HOSTS, parseFetchHost, parseFetchHosts } from './fetch-hosts';

describe('a host the user allows fetching from', () => {
  it.each([
    ['192.168.1.20', '192.168.1.20'], ['192.168.1.20:5173', '192.168.1.20:5173'], ['  MyApp.Test ', 'myapp.test'],
    ['myapp.test.', 'myapp.test'], ['dev-box:08080', 'dev-box:8080'], ['[fd00::2]:3000', '[fd00::2]:3000'], ['[::1]', '[::1]'],
    ['http://192.168.1.20:5173/src/main.ts?x=1', '192.168.1.20:5173'], ['HTTPS://Shop.Example.com', 'shop.example.com'],
    ['docker_host.internal', 'docker_host.internal'],
  ])('%j is taken as %j', (input, host) => {
    expect(parseFetchHost(input)).toEqual({ host });
  });

  it.each([
    ['', 'an empty host'], ['*.example.com', 'wildcards are not taken'], ['user:pw@dev.box', 'no user name or password'],
    ['ftp://dev.box', 'only http(s) hosts'], ['dev box', 'is not a host name'], ['dev.box:0', 'port must be 1–65535'],
    ['dev.box:70000', 'port must be 1–65535'], ['300.1.2.3', 'is not a host name'], ['-dev.box', 'is not a host name'],
    ['dev.box:port', 'is not a host name'], ['[fd00::2', 'is not a host name'], ['a'.repeat(64), 'is not a host name'],
  ])('%j is refused (%s)', (input, why) => {
    const parsed = parseFetchHost(input);
    expect(parsed).toHaveProperty('error');
    expect('error' in parsed && parsed.error).toContain(why);
  });

  it('a list is normalised without repeats, and refused whole for one bad entry or too many', () => {
    expect(parseFetchHosts(['Dev.Box', 'dev.box', 'http://dev.box/', '10.0.0.5:5173'])).toEqual({ hosts: ['dev.box', '10.0.0.5:5173'] });
    expect(parseFetchHosts(['dev.box', 'not a host'])).toEqual({ error: '"not a host" is not a host name, an IP address or host:port' });
    expect(parseFetchHosts('dev.box')).toEqual({ error: 'hosts must be a list of host names' });
    expect(parseFetchHosts([42])).toEqual({ error: 'each host must be text' });
    expect(parseFetchHosts(Array.from({ length: MAX_FETCH_HOSTS + 1 }, (_, i) => `h${i}.test`))).toEqual({ error: `at most ${MAX_FETCH_HOSTS} hosts` });
  });
});
