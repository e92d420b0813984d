import { HttpError } from './http-util';

/** Where a page of the releases list ended: its last row's place in the order (last seen, project, release). */
export interface ReleaseCursor { lastSeen: number; projectId: number; release: string }

/** `lastSeen:projectId:release` (the release last: it may hold any character, `:` too). */
export function encodeCursor(c: ReleaseCursor): string {
  return `${c.lastSeen}:${c.projectId}:${c.release}`;
}

/** The cursor `encodeCursor` made; a 400 for anything else. */
export function decodeCursor(text: string): ReleaseCursor {
  const m = /^(-?\d{1,16}):(\d{1,15}):([\s\S]+)$/.exec(text);
  if (!m) throw new HttpError(400, `cursor ${JSON.stringify(text.slice(0, 40))} is not one this list gave`);
  return { lastSeen: Number(m[1]), projectId: Number(m[2]), release: m[3]! };
}
