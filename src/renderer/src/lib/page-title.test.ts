import { describe, expect, it } from 'vitest';
import { parseRoute } from '../routing/route';
import { MAX_TITLE_PART, documentTitle, routeTitleParts, titlePart } from './page-title';
import { titleWithCount } from './unseen-issues';

const names = new Map([[3, 'shop-api']]);
const partsOf = (hash: string): string[] => routeTitleParts(parseRoute(hash), (id) => names.get(id));

describe('page titles', () => {
  it('names each view, most specific first, then the product', () => {
    expect(documentTitle(partsOf('#/issues'))).toBe('Issues — Lookout');
    expect(documentTitle(partsOf('#/issues?project=3'))).toBe('Issues — shop-api — Lookout');
    expect(documentTitle(partsOf('#/replays/f8ca7e60095a4216aa604d38047f59c7'))).toBe('Replay f8ca7e60 — Lookout');
    expect(documentTitle(partsOf('#/traces?view=vitals'))).toBe('Web Vitals — Lookout');
    expect(documentTitle(partsOf('#/crons/3/nightly-report'))).toBe('nightly-report — Crons — shop-api — Lookout');
    expect(documentTitle(partsOf('#/setup'))).toBe('Setup — Lookout');
  });

  it('keeps the unseen count in front of the view', () => {
    expect(titleWithCount(documentTitle(['TypeError: x', 'shop-api']), 3)).toBe('(3) TypeError: x — shop-api — Lookout');
  });

  it('drops control and bidi characters from event text, collapses blanks and cuts long titles', () => {
    expect(titlePart('Error:\u202e gnp.exe\u202c\n\tdone')).toBe('Error: gnp.exe done');
    const long = titlePart('x'.repeat(500));
    expect(long).toHaveLength(MAX_TITLE_PART);
    expect(long.endsWith('…')).toBe(true);
    expect(documentTitle(['', null, 'Stats', 'Stats'])).toBe('Stats — Lookout');
  });
});
