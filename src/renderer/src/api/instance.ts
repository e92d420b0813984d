/** The app-wide client. `main.tsx` configures the base URL before the first render. */
import { LookoutClient } from './client';

let current = new LookoutClient('');

export function configureClient(base: string): LookoutClient {
  current = new LookoutClient(base);
  return current;
}

/** The configured client (same-origin until configured). */
export function api(): LookoutClient {
  return current;
}
