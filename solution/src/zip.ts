import { zipSync, type Zippable } from 'fflate';

/**
 * Deterministic zip: fixed entry order (`[Content_Types].xml`, `solution.xml`, `customizations.xml`, then
 * the rest sorted by path), a fixed timestamp, fixed compression, no folder entries (real exports have none),
 * forward slashes. The same parts always give byte-identical zips.
 */
// DOS zip times are local wall-clock fields: build the date from local fields so every time zone writes the same bytes.
export const FIXED_MTIME = new Date(2024, 0, 1, 0, 0, 0);
const FIRST = ['[Content_Types].xml', 'solution.xml', 'customizations.xml'];

export function orderedPaths(paths: Iterable<string>): string[] {
  const all = [...paths];
  const rest = all.filter((p) => !FIRST.includes(p)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...FIRST.filter((p) => all.includes(p)), ...rest];
}

export function deterministicZip(parts: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const files: Zippable = {};
  for (const path of orderedPaths(parts.keys())) {
    if (path.includes('\\') || path.startsWith('/') || path.endsWith('/')) throw new Error(`invalid zip entry name: ${path}`);
    files[path] = [parts.get(path)!, { level: 9, mtime: FIXED_MTIME, os: 0 }];
  }
  return zipSync(files, { level: 9, mtime: FIXED_MTIME });
}
