/**
 * `when` conditions. Paths read the source record; a `$current.` prefix reads the target's current state,
 * which is how a rule says "only if Clarity currently has accountStatus disabled".
 */
import { parsePath, readPath, type Path } from './path';
import type { Condition } from './schema';
import { isBlank } from './transforms';

export type Predicate = (source: unknown, current: unknown) => boolean;

const CURRENT = '$current.';

/** Reads a source path, or the target's current state for `$current.` paths. */
export function compileReader(text: string): (source: unknown, current: unknown) => unknown {
  const fromCurrent = text.startsWith(CURRENT);
  const path: Path = parsePath(fromCurrent ? text.slice(CURRENT.length) : text);
  return (source, current) => readPath(fromCurrent ? current : source, path);
}

/** Scalars compare by their text so a consultant's 0 matches a "0" and true matches "true". */
export function looselyEqual(a: unknown, b: unknown): boolean {
  if (a === null || b === null || a === undefined || b === undefined) return a === b;
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return String(a) === String(b);
}

export const exists = (v: unknown): boolean => !isBlank(v) && !(Array.isArray(v) && v.length === 0);

export function compileCondition(c: Condition): Predicate {
  if ('exists' in c) {
    const read = compileReader(c.exists);
    return (s, cur) => exists(read(s, cur));
  }
  if ('equals' in c) {
    const read = compileReader(c.path);
    return (s, cur) => looselyEqual(read(s, cur), c.equals);
  }
  if ('in' in c) {
    const read = compileReader(c.path);
    return (s, cur) => {
      const v = read(s, cur);
      return c.in.some((x) => looselyEqual(v, x));
    };
  }
  if ('not' in c) {
    const inner = compileCondition(c.not);
    return (s, cur) => !inner(s, cur);
  }
  const parts = ('all' in c ? c.all : c.any).map(compileCondition);
  return 'all' in c ? (s, cur) => parts.every((p) => p(s, cur)) : (s, cur) => parts.some((p) => p(s, cur));
}
