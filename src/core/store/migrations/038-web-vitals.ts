/**
 * Web vitals per page view: a span block keeps the page its page-load or navigation root names
 * (`page_name`, Sentry's transaction name: the route, else the URL path scrubbed of identifiers)
 * and the vitals its spans carry (`vitals`, JSON `{"lcp": 1200, "cls": 0.05, …}`), both read at
 * ingest (`performance/web-vitals.ts`). The Web Vitals view reads the blocks of a period from
 * the partial index alone (it covers the columns read: rows of a period lie all over the table),
 * which holds only blocks with either, so it never walks other spans.
 * Blocks stored before keep NULL: their vitals stay in their stored requests.
 * @see https://docs.sentry.io/product/insights/frontend/web-vitals/
 */
export const sql = `
ALTER TABLE span_blocks ADD COLUMN page_name TEXT;
ALTER TABLE span_blocks ADD COLUMN vitals TEXT;
CREATE INDEX span_blocks_vitals ON span_blocks(start_ms, project_id, trace_id, page_name, vitals) WHERE vitals IS NOT NULL;
`;
