/**
 * The page views of a period by their hour: the Web Vitals report reads their stored values, for
 * exact percentiles, while a period holds few views (performance/vital-exact.ts). Only named views
 * (those the aggregates count) are indexed, with their project and page so the filter reads the index.
 * @see https://docs.sentry.io/product/insights/frontend/web-vitals/
 */
export const sql = `
CREATE INDEX web_vital_views_hour ON web_vital_views(hour, project_id, page) WHERE page IS NOT NULL;
`;
