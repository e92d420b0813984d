/** What `lookout import` and the import drop zone report (POST /_lookout/api/import answers it). */
export interface ImportSummary {
  issueIds: number[];
  /** Events this import stored. */
  events: number;
  /** Events of the bundle already in this Lookout (it was imported before). */
  duplicates: number;
  replaySegments: number;
  title: string;
  /** Issues its events had grouped into here besides the one they were merged into (0: they grouped as one). */
  merged: number;
}

const plural = (n: number, noun: string): string => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;

/** `Imported "Title": 3 new events into issue 7, replay with 12 segments.` */
export function importSentence(s: ImportSummary): string {
  const merged = s.merged > 0 ? ` (merged with ${plural(s.merged, 'other issue')} its events grouped into here)` : '';
  const into = s.issueIds.length > 0 ? ` into issue ${s.issueIds.join(', ')}${merged}` : '';
  const again = s.duplicates > 0 ? ` (${plural(s.duplicates, 'event')} already here)` : '';
  const replay = s.replaySegments > 0 ? `, replay with ${plural(s.replaySegments, 'segment')}` : '';
  return `Imported "${s.title}": ${plural(s.events, 'new event')}${again}${into}${replay}.`;
}
