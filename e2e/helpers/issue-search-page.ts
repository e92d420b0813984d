import type { Page } from '@playwright/test';
import { expect } from '../fixtures';

export const issueRows = (page: Page) => page.getByTestId('issue-row');
export const searchBox = (page: Page) => page.getByTestId('search-input');

/** Types `query` in the issue search, waits for it to reach the URL, and expects exactly the rows titled `titles`. */
export async function expectSearchRows(page: Page, query: string, titles: string[]): Promise<void> {
  await searchBox(page).fill(query);
  await expect.poll(() => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').get('query')).toBe(query);
  await expect(issueRows(page)).toHaveCount(titles.length);
  for (const title of titles) await expect(issueRows(page).filter({ hasText: title })).toHaveCount(1);
}
