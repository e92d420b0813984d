import type { Project, StreamMessage } from '../../shared/api-types';
import type { DB } from '../store/db';
import { listProjects } from '../store/project-repo';

interface Told { read: ReturnType<DB['prepare']>; said: Map<number, string> }
/** Per store: what open windows were last told of each project (name, how it was named, platform). */
const toldByStore = new WeakMap<DB, Told>();

/**
 * The projects of `projectIds` whose name or platform open windows have not heard yet: a project an
 * SDK's first request made, or one its first events named (project-namer.ts). One primary-key read
 * per project; the full list is read only when one changed.
 */
export function unheardProjects(db: DB, dsnFor: (projectId: number) => string, projectIds: Iterable<number>): Project[] {
  let told = toldByStore.get(db);
  if (!told) toldByStore.set(db, told = { read: db.prepare('SELECT name, name_source, platform FROM projects WHERE id = ?'), said: new Map() });
  const changed: number[] = [];
  for (const id of new Set(projectIds)) {
    const row = told.read.get(id) as { name: string; name_source: string; platform: string | null } | undefined;
    if (!row) continue;
    const said = `${row.name}\u0000${row.name_source}\u0000${row.platform ?? ''}`;
    if (told.said.get(id) === said) continue;
    told.said.set(id, said);
    changed.push(id);
  }
  return changed.length === 0 ? [] : listProjects(db, dsnFor).filter((p) => changed.includes(p.id));
}

/**
 * Tells the stream (`{ type: 'project' }`) of the projects of a commit's items that are new or newly
 * named, before the items themselves (at the id just before the first, so a reconnect replays the
 * items): the sidebar and the new issue's row show the project's name with the first issue, not after
 * the sidebar's next read (it said "No project yet", the row had no project, for 1–5 s).
 */
export function announceProjects(db: DB, hub: { size: number; publish(id: number, message: StreamMessage): void },
  dsnFor: (projectId: number) => string, items: readonly { seq: number; projectId: number }[]): void {
  if (items.length === 0) return;
  // Read even with no window open: one that opens later reads the project list itself, and must not
  // then be told of a project as new on the next commit.
  const unheard = unheardProjects(db, dsnFor, items.map((i) => i.projectId));
  if (hub.size === 0) return;
  const id = Math.max(0, (items[0]?.seq ?? 1) - 1);
  for (const project of unheard) hub.publish(id, { type: 'project', project });
}
