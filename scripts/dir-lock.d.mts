export function withDirLock<T>(lockPath: string, fn: () => T, opts?: { staleMs?: number; pollMs?: number; onWait?: () => void }): T;
