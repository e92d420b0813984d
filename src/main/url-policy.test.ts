import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, withContentSecurityPolicy } from './csp';
import { isAllowedOrigin, isExternalHttpUrl, originOf } from './url-policy';

describe('isExternalHttpUrl', () => {
  it('accepts http and https only', () => {
    expect(isExternalHttpUrl('https://github.com/getsentry/sentry-javascript/issues/1')).toBe(true);
    expect(isExternalHttpUrl('http://localhost:3000/')).toBe(true);
    for (const url of ['javascript:alert(1)', 'file:///C:/Windows/system32/calc.exe', 'vscode://file/x', 'data:text/html,x', '', 'https://', 42, null]) {
      expect(isExternalHttpUrl(url)).toBe(false);
    }
  });

  it('refuses absurdly long URLs', () => {
    expect(isExternalHttpUrl(`https://a.example/${'x'.repeat(10_000)}`)).toBe(false);
  });
});

describe('isAllowedOrigin', () => {
  const origins = [originOf('http://127.0.0.1:8969/'), originOf('http://localhost:5173')];

  it('allows our own pages, any path', () => {
    expect(isAllowedOrigin('http://127.0.0.1:8969/#/issues/4', origins)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5173/src/main.tsx', origins)).toBe(true);
  });

  it('rejects other ports, hosts, schemes and look-alikes', () => {
    for (const url of [
      'http://127.0.0.1:8970/', 'https://127.0.0.1:8969/', 'http://127.0.0.1.evil.example:8969/',
      'http://evil.example/?http://127.0.0.1:8969/', 'file:///index.html', 'about:blank', undefined,
    ]) expect(isAllowedOrigin(url, origins)).toBe(false);
  });
});

describe('withContentSecurityPolicy', () => {
  it('adds our policy without dropping one the server sent (both are enforced)', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["default-src 'none'; sandbox"], 'content-type': ['text/html'] });
    expect(headers['content-security-policy']).toEqual(["default-src 'none'; sandbox", CONTENT_SECURITY_POLICY]);
    expect(headers['content-type']).toEqual(['text/html']);
    expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'content-security-policy')).toHaveLength(1);
  });

  it('sets it on responses without one', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('never allows inline or remote script, plugins, or framing by others', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
});
