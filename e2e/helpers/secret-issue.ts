/**
 * One issue from real @sentry/node with secrets seeded where Sentry's default scrubbing looks:
 * a password in `extra`, a Bearer token in the Authorization header, a session cookie (header and
 * `request.cookies`), and a card number in a breadcrumb. Two events, so a bundle can be cut to one.
 * @see https://docs.sentry.io/security-legal-pii/scrubbing/server-side-scrubbing/
 */
import { expect } from '@playwright/test';
import { rawRequestSender } from './raw-request-sender';
import { secretForms } from './report-files';
import { captureCheckoutFailure } from './shop-app';

export const SECRETS = {
  password: 'hunter2-Pw-5521',
  bearer: 'eyJhbGciOiJIUzI1NiJ9.c2VlZGVk.T0k3n-8842',
  card: '4111 1111 1111 1111',
  cookie: 'c00kie-S3cret-7319',
};

/** Kept on purpose: e-mail filtering is opt-in. */
export const SEEDED_EMAIL = 'ada@example.com';

const ALL_FORMS = secretForms(Object.values(SECRETS));

export async function captureSecretIssue(dsn: string): Promise<void> {
  const sender = rawRequestSender(dsn, {
    method: 'POST', url: 'http://localhost:3000/checkout',
    headers: { authorization: `Bearer ${SECRETS.bearer}`, cookie: `sid=${SECRETS.cookie}; theme=dark`, 'user-agent': 'shop-test/1.0' },
    cookies: { sid: SECRETS.cookie, theme: 'dark' },
  }, { release: 'shop@3.1.0' });
  const seeded = {
    extra: { password: SECRETS.password, cartSize: 2 },
    user: { id: 'u-7', email: SEEDED_EMAIL },
    breadcrumbs: [
      { category: 'auth', message: 'User u-7 signed in', level: 'info' as const },
      { category: 'payment', message: `Charging card ${SECRETS.card} for 42.00 EUR`, level: 'info' as const },
    ],
  };
  await captureCheckoutFailure(sender, seeded);
  await captureCheckoutFailure(sender, seeded);
  await sender.flush();
}

/** Fails naming the secret and the place when any spelling of a seeded secret is in `texts`. */
export function expectNoSecrets(texts: string[], where: string): void {
  for (const text of texts) {
    for (const secret of ALL_FORMS) expect(text.includes(secret), `${secret} in ${where}`).toBe(false);
  }
}
