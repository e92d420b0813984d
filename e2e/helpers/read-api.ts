/** GETs `path` of Lookout's read API at `base`, failing with the status and body on an error. */
export async function readApi<T>(base: string, path: string): Promise<T> {
  const res = await fetch(`${base}/_lookout/api/${path}`);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
