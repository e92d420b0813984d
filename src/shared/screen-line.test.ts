import { describe, expect, it } from 'vitest';
import { screenLine, screenTagValue } from './screen-mask';

describe('screenLine / screenTagValue (the reviewer\'s strings)', () => {
  it('masks a URL password and a Bearer token in a title, keeping the rest', () => {
    expect(screenLine('Error: connect failed postgres://admin:PGPASS_S3CRET@db.internal:5432/app with Bearer eyJhbGciOiJIUzI1Ni...'))
      .toBe('Error: connect failed postgres://admin:[Filtered]@db.internal:5432/app with Bearer [Filtered]');
  });

  it('masks a token in a URL tag and a password in a breadcrumb-like line', () => {
    expect(screenTagValue('url', 'https://shop.example/cb?token=QS_TOKEN_SECRET&code=OAUTHCODE123'))
      .toBe('https://shop.example/cb?token=[Filtered]&code=OAUTHCODE123');
    expect(screenLine('logged in with password=CONSOLE_PW_SECRET')).toBe('logged in with password=[Filtered]');
    expect(screenTagValue('session_id', 'abc123')).toBe('[Filtered]');
  });

  it('shows bidi controls as markers and leaves plain text alone', () => {
    expect(screenLine('SpoofError\u202eexe.live')).toBe('SpoofError<U+202E>exe.live');
    expect(screenLine('TypeError: Cannot read properties of undefined')).toBe('TypeError: Cannot read properties of undefined');
  });
});
