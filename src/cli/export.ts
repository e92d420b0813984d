/** Placeholder until the export command lands in this session. */
export async function exportCommand(_argv: string[]): Promise<number> {
  process.stderr.write('lookout export is not available in this build yet.\n');
  return 1;
}
