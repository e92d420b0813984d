import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRUB_RULES, scrubString } from './scrub-text';
import { isSensitiveTextName } from './secret-shapes';

const scrub = (text: string): string => scrubString(text, DEFAULT_SCRUB_RULES, () => '[Filtered]', () => undefined);

describe('source context lines', () => {
  it.each([
    ['    auto_session_tracking=True,', '    auto_session_tracking=True,'],
    ['if user.is_authenticated == True: author = "jane"', 'if user.is_authenticated == True: author = "jane"'],
    ['token_count = 12', 'token_count = 12'],
    ['KEYS = {"sk_test_123": "billing", "sk_live_999": "prod"}', 'KEYS = {"[Filtered]": "billing", "[Filtered]": "prod"}'],
    ['stripe.api_key = "sk_live_51HcQz"', 'stripe.api_key = "[Filtered]"'],
    ['db_password = "hunter2"', 'db_password = "[Filtered]"'],
    ["  api_key: 'abc-123',", "  api_key: '[Filtered]',"],
    ['const authToken = "eyJx.y.z";', 'const authToken = "[Filtered]";'],
    ['session_id = "f00ba4"', 'session_id = "[Filtered]"'],
    ['aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'aws_access_key_id = [Filtered]'],
    ['client = boto3.client(key="AKIAIOSFODNN7EXAMPLE")', 'client = boto3.client(key="[Filtered]")'],
    ['headers = {"Authorization": "Bearer abc.def"}', 'headers = {"Authorization": "[Filtered]"}'],
    ['gh = Github("ghp_0123456789abcdefghijklmnopqrstuvwxyzAB")', 'gh = Github("[Filtered]")'],
    ['ssn = lookup("078-05-1120")', 'ssn = lookup("[Filtered]")'],
    ['publishable = "pk_live_abc"', 'publishable = "pk_live_abc"'],
  ])('%s', (line, expected) => {
    expect(scrub(line)).toBe(expected);
  });
});

describe('isSensitiveTextName', () => {
  it('reads the last word of a name, past id/hash suffixes', () => {
    for (const name of ['password', 'DB_PASSWORD', 'X-Api-Key', 'sessionid', 'password_hash', 'client-secret', 'cookie']) {
      expect(isSensitiveTextName(name)).toBe(true);
    }
    for (const name of ['auto_session_tracking', 'author', 'token_count', 'is_authenticated', 'monkey', 'secret_santa_list']) {
      expect(isSensitiveTextName(name)).toBe(false);
    }
  });
});
