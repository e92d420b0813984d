/**
 * The Releases view's routes: the list `#/releases?project=&environment=&query=` and a release's page
 * `#/releases/<project>/<version>?environment=` (the version as sent, encoded: it may hold `@`, `+`, `/`).
 */
export interface ReleaseListRoute {
  name: 'releases';
  project?: number;
  environment?: string;
  query?: string;
}

export interface ReleaseRoute {
  name: 'release';
  project: number;
  version: string;
  environment?: string;
}

function positiveInt(value: string | null | undefined): number | undefined {
  if (!value || !/^\d{1,15}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

/** `parts`: the decoded path segments after `releases`; a version with `/` spans several. */
export function parseReleaseRoute(parts: string[], search: URLSearchParams): ReleaseListRoute | ReleaseRoute {
  const environment = search.get('environment') || undefined;
  const project = positiveInt(parts[0]);
  const version = parts.slice(1).join('/');
  if (project !== undefined && version) return { name: 'release', project, version, ...(environment ? { environment } : {}) };
  const listProject = positiveInt(search.get('project'));
  const query = search.get('query') || undefined;
  return { name: 'releases', ...(listProject !== undefined ? { project: listProject } : {}), ...(environment ? { environment } : {}),
    ...(query ? { query } : {}) };
}

export function formatReleaseRoute(route: ReleaseListRoute | ReleaseRoute): string {
  const params = new URLSearchParams();
  if (route.name === 'releases') {
    if (route.project !== undefined) params.set('project', String(route.project));
    if (route.environment) params.set('environment', route.environment);
    if (route.query) params.set('query', route.query);
    const text = params.toString();
    return `#/releases${text ? `?${text}` : ''}`;
  }
  if (route.environment) params.set('environment', route.environment);
  const text = params.toString();
  return `#/releases/${route.project}/${encodeURIComponent(route.version)}${text ? `?${text}` : ''}`;
}
