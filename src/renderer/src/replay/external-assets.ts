/**
 * What a recorded page loaded from its server and the player will not fetch: stylesheets rrweb
 * could not inline (cross-origin) and images. The player runs under the UI's CSP, so a replay
 * (which any page may send) never makes Lookout contact a URL it names.
 */

interface SnapshotNode { tagName?: unknown; attributes?: unknown; childNodes?: unknown }

const MAX_NODES = 200_000;

function isRemote(url: unknown): boolean {
  return typeof url === 'string' && /^(?:https?:)?\/\//i.test(url.trim());
}

/** Counts the remote stylesheets and images in the recording's full snapshots. */
export function externalAssets(events: readonly { type: number; data?: unknown }[]): { stylesheets: number; images: number } {
  let stylesheets = 0;
  let images = 0;
  let seen = 0;
  for (const event of events) {
    if (event.type !== 2) continue;
    const stack: unknown[] = [(event.data as { node?: unknown } | undefined)?.node];
    while (stack.length > 0 && seen++ < MAX_NODES) {
      const node = stack.pop() as SnapshotNode | null | undefined;
      if (!node || typeof node !== 'object') continue;
      const attrs = (node.attributes && typeof node.attributes === 'object' ? node.attributes : {}) as Record<string, unknown>;
      const tag = typeof node.tagName === 'string' ? node.tagName.toLowerCase() : '';
      if (tag === 'link' && String(attrs.rel ?? '').toLowerCase().includes('stylesheet') && attrs._cssText === undefined && isRemote(attrs.href)) stylesheets++;
      if (tag === 'img' && isRemote(attrs.src)) images++;
      if (Array.isArray(node.childNodes)) stack.push(...(node.childNodes as unknown[]));
    }
  }
  return { stylesheets, images };
}
