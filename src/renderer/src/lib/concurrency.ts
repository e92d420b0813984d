/** Runs `task` over `inputs` with at most `limit` in flight; collects per-input outcomes. */
export async function mapLimited<I, O>(
  inputs: readonly I[], limit: number, task: (input: I) => Promise<O>,
): Promise<PromiseSettledResult<O>[]> {
  const results: PromiseSettledResult<O>[] = new Array(inputs.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < inputs.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await task(inputs[index] as I) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}
