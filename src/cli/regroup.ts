/** Placeholder until the regroup command lands in this session. */
export async function regroupCommand(_argv: string[]): Promise<number> {
  process.stderr.write('lookout regroup is not available in this build yet.\n');
  return 1;
}
