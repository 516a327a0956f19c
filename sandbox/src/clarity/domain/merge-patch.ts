/** RFC 7396 JSON merge patch: objects merge recursively, `null` deletes, arrays replace wholesale. */

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function applyMergePatch<T>(target: T, patch: Json): T {
  if (!isObject(patch)) return patch as T;
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out as T;
}

/** Old values of the changed top-level fields (spec §4.7 `previousAttributes`); absent → null. */
export function changedTopLevel(before: Record<string, Json>, after: Record<string, Json>, ignore: readonly string[]): Record<string, Json> {
  const prev: Record<string, Json> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignore.includes(k)) continue;
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) prev[k] = before[k] ?? null;
  }
  return prev;
}
