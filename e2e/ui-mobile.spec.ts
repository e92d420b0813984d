import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';

// What sentry-android sends with `attachViewHierarchy`: the event and `view-hierarchy.json`.
const hierarchy = {
  rendering_system: 'android_view_system',
  windows: [{
    type: 'com.android.internal.policy.DecorView', width: 1080, height: 2340, x: 0, y: 0, alpha: 1, visibility: 'visible',
    children: [{
      type: 'android.widget.LinearLayout', identifier: 'content', width: 1080, height: 2214, x: 0, y: 126, alpha: 1, visibility: 'visible',
      children: [{ type: 'android.widget.FrameLayout', width: 1080, height: 2214, x: 0, y: 126, children: [
        { type: 'com.google.android.material.button.MaterialButton', identifier: 'crash_button', width: 300, height: 132, x: 390, y: 900,
          alpha: 1, visibility: 'visible', children: [{ type: 'android.widget.ImageView', identifier: '<script>alert(1)</script>', width: 24, height: 24, x: 0, y: 0 }] },
      ] }],
    }],
  }],
};

test("an Android view hierarchy attachment reads as a tree of views, not JSON", async ({ page, server }) => {
  const eventId = 'c0ffee'.padEnd(32, '0');
  const event = { event_id: eventId, platform: 'java', level: 'error', timestamp: Date.now() / 1000,
    exception: { values: [{ type: 'IllegalStateException', value: 'checkout button pressed twice', module: 'java.lang' }] } };
  const attachment = JSON.stringify(hierarchy);
  const body = [`{"event_id":"${eventId}"}`, '{"type":"event"}', JSON.stringify(event),
    JSON.stringify({ type: 'attachment', length: Buffer.byteLength(attachment), filename: 'view-hierarchy.json', content_type: 'application/json',
      attachment_type: 'event.view_hierarchy' }), attachment].join('\n');
  expect((await page.request.post(`${server.url}/api/1/envelope/`, { data: body })).status()).toBe(200);
  await page.goto(`${server.url}/#/events/${eventId}`);
  const tree = page.getByTestId('view-hierarchy');
  await expect(tree).toContainText('5 views in 1 window · android_view_system');
  const button = tree.locator('summary', { hasText: '#crash_button' });
  await expect(button).toHaveText('MaterialButton #crash_button · 390,900 · 300×132 (1)');
  // The fourth level starts folded; a view's id is text, never markup.
  await expect(tree.getByText('#<script>alert(1)</script>')).toBeHidden();
  await button.click();
  await expect(tree.getByText('#<script>alert(1)</script>')).toBeVisible();
  await expect(page.getByTestId('attachment-text')).toHaveCount(0);
});

test("a sentry-java error names its frames by class, as Sentry does, and shows no line 0", async ({ page, server }) => {
  const body = readFileSync(fileURLToPath(new URL('../../shared/corpus/protocol/spotlight/application_x_sentry_envelope-1706290053204.txt', import.meta.url)));
  expect((await fetch(`${server.url}/api/1/envelope/?sentry_key=k`, { method: 'POST', body })).status).toBe(200);
  await page.goto(`${server.url}/#/issues`);
  const issueId = await page.getByTestId('issue-row').first().getAttribute('data-issue-id');
  await page.goto(`${server.url}/#/issues/${issueId}`);
  const files = page.getByTestId('exception').first().getByTestId('frame').getByTestId('frame-file');
  await expect(files.first()).toHaveText('io.sentry.samples.android.MainActivity:69');
  await expect(files.nth(1)).toHaveText('io.sentry.samples.android.MainActivity$$ExternalSyntheticLambda0');
});
