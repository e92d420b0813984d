import { describe, expect, it } from 'vitest';
import { externalAssets } from './external-assets';

/** An rrweb full snapshot (type 2) of a page: the node shapes rrweb-snapshot records. */
function snapshot(head: unknown[], body: unknown[]) {
  const el = (tagName: string, attributes: Record<string, unknown>, childNodes: unknown[] = []) => ({ type: 2, tagName, attributes, childNodes, id: 1 });
  return { type: 2, timestamp: 1, data: { node: { type: 0, childNodes: [el('html', {}, [el('head', {}, head.map((h) => h)), el('body', {}, body)])] } } };
}

describe('externalAssets', () => {
  const el = (tagName: string, attributes: Record<string, unknown>) => ({ type: 2, tagName, attributes, childNodes: [], id: 2 });

  it('counts stylesheets rrweb could not inline and remote images, not inlined ones or data: URLs', () => {
    const events = [snapshot([
      el('link', { rel: 'stylesheet', href: 'https://cdn.example.com/site.css' }),
      el('link', { rel: 'stylesheet', href: 'http://localhost:3000/app.css', _cssText: 'body{color:red}' }),
      el('link', { rel: 'icon', href: 'https://cdn.example.com/favicon.ico' }),
    ], [
      el('img', { src: 'http://localhost:3000/logo.svg' }),
      el('img', { src: 'data:image/png;base64,AAAA' }),
    ]), { type: 3, timestamp: 2, data: {} }];
    expect(externalAssets(events)).toEqual({ stylesheets: 1, images: 1 });
  });

  it('reads nothing from incremental events or a recording without a snapshot', () => {
    expect(externalAssets([{ type: 3, data: { source: 0 } }])).toEqual({ stylesheets: 0, images: 0 });
  });
});
