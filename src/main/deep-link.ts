/**
 * `lookout://` links: `lookout://issues/123` opens issue 123, `lookout://traces` (or any page of the
 * Go menu) opens that page. Any website can launch such a link, so only these shapes are accepted,
 * and all they can do is choose what the window shows. They arrive in `argv` (Windows and Linux,
 * first start and `second-instance`) or as macOS's `open-url` event; both end in the same
 * `lookout:navigate` message as a notification click.
 * @see https://www.electronjs.org/docs/latest/tutorial/launch-app-from-url-in-another-app
 */
import { APP_PAGES, type AppPage, type NavigateTarget } from '../shared/ipc-contract';

export const DEEP_LINK_SCHEME = 'lookout';

const MAX_LINK_LENGTH = 2048;
const PREFIX = `${DEEP_LINK_SCHEME}:`;

function isAppPage(value: string): value is AppPage {
  return (APP_PAGES as readonly string[]).includes(value);
}

/** The target of a `lookout://` link; null for anything else (other schemes, unknown pages, bad ids). */
export function parseDeepLink(link: unknown): NavigateTarget | null {
  if (typeof link !== 'string' || link.length > MAX_LINK_LENGTH || !link.toLowerCase().startsWith(PREFIX)) return null;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '' || url.port !== '') return null;
  // `lookout://issues/12` parses as host "issues", path "/12"; `lookout:///issues/12` as an empty host.
  const segments = [url.hostname, ...url.pathname.split('/')].filter((segment) => segment !== '');
  const [first, second, ...rest] = segments;
  const page = first?.toLowerCase();
  if (page === undefined || rest.length > 0 || !isAppPage(page)) return null;
  if (second === undefined) return { kind: page };
  if (page !== 'issues' || !/^\d{1,15}$/.test(second)) return null;
  const issueId = Number(second);
  return issueId > 0 && Number.isSafeInteger(issueId) ? { kind: 'issue', issueId } : null;
}

/** The `lookout://` link among a process's arguments (the last one, as the OS appends it). */
export function findDeepLink(argv: readonly string[]): string | null {
  for (let index = argv.length - 1; index >= 0; index--) {
    const arg = argv[index];
    if (arg !== undefined && arg.toLowerCase().startsWith(PREFIX)) return arg;
  }
  return null;
}
