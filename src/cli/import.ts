/** Placeholder until the import command lands in this session. */
export async function importCommand(_argv: string[]): Promise<number> {
  process.stderr.write('lookout import is not available in this build yet.\n');
  return 1;
}
