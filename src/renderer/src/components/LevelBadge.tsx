const KNOWN = new Set(['fatal', 'error', 'warning', 'info', 'debug']);

/** CSS class suffix for a level; unknown levels get the neutral colour. */
export function levelClass(level: string | null | undefined): string {
  const l = (level ?? '').toLowerCase();
  if (l === 'warn') return 'warning';
  return KNOWN.has(l) ? l : 'default';
}

export function LevelBadge({ level }: { level: string | null | undefined }) {
  const cls = levelClass(level);
  return <span className={`level-badge level-${cls}`}>{level || 'unknown'}</span>;
}

/** The thin coloured bar at the left of a row. */
export function LevelBar({ level }: { level: string | null | undefined }) {
  return <span className={`level-bar level-${levelClass(level)}`} aria-hidden="true" />;
}
