/**
 * Dotted paths with array selectors: `company.companyId`, `shippingAddresses[0].line1`,
 * `shippingAddresses[isDefault=true].line1`. A `[key=value]` selector that matches nothing falls back to
 * the first element, so a customer with no flagged default address still maps their only address.
 */

export type Step =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'match'; readonly key: string; readonly value: string };

export type Path = readonly Step[];

const SEGMENT = /^([A-Za-z_$@][\w$@-]*)((?:\[[^\]]*\])*)$/;
const SELECTOR = /\[([^\]]*)\]/g;

/** Parses a path, throwing an Error whose message is fit for a validation problem list. */
export function parsePath(text: string): Path {
  if (text.trim() === '') throw new Error('path is empty');
  const steps: Step[] = [];
  for (const segment of text.split('.')) {
    const m = SEGMENT.exec(segment);
    if (!m) throw new Error(`invalid path "${text}" near "${segment}"`);
    steps.push({ kind: 'key', key: m[1] as string });
    for (const sel of (m[2] ?? '').matchAll(SELECTOR)) steps.push(parseSelector(sel[1] ?? '', text));
  }
  return steps;
}

function parseSelector(inner: string, text: string): Step {
  if (/^\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const eq = inner.indexOf('=');
  const key = inner.slice(0, eq).trim();
  if (eq <= 0 || !/^[A-Za-z_$][\w$]*$/.test(key)) throw new Error(`invalid selector "[${inner}]" in path "${text}"`);
  return { kind: 'match', key, value: unquote(inner.slice(eq + 1).trim()) };
}

function unquote(v: string): string {
  return /^(['"]).*\1$/.test(v) ? v.slice(1, -1) : v;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function pick(arr: readonly unknown[], step: Step): number {
  if (step.kind === 'index') return step.index < arr.length ? step.index : -1;
  if (step.kind !== 'match') return -1;
  const hit = arr.findIndex((el) => isRecord(el) && el[step.key] !== undefined && el[step.key] !== null && String(el[step.key]) === step.value);
  return hit >= 0 ? hit : arr.length > 0 ? 0 : -1;
}

export function readPath(root: unknown, path: Path): unknown {
  let node: unknown = root;
  for (const step of path) {
    if (step.kind === 'key') {
      if (!isRecord(node)) return undefined;
      node = node[step.key];
    } else {
      if (!Array.isArray(node)) return undefined;
      const i = pick(node, step);
      node = i < 0 ? undefined : node[i];
    }
  }
  return node;
}

/** A new element created by a `[key=value]` selector carries that key with its JSON-ish value. */
function seedFor(step: Step): Record<string, unknown> {
  if (step.kind !== 'match') return {};
  const v = step.value;
  const typed = v === 'true' ? true : v === 'false' ? false : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  return { [step.key]: typed };
}

/**
 * Writes `value` at `path` into `out`. Arrays are merged into a copy of the same array in `current`
 * (Clarity replaces arrays wholesale, so the untouched elements must be sent back as they were); plain
 * objects outside arrays are patched. A null inside an array element removes the key, because an array
 * element is a full replacement where an absent optional field means "empty".
 */
export function writePath(out: Record<string, unknown>, current: unknown, path: Path, value: unknown): void {
  let container: unknown = out;
  let cur: unknown = current;
  let insideArray = false;
  path.forEach((step, i) => {
    const next = path[i + 1];
    const last = next === undefined;
    if (step.kind === 'key') {
      const obj = container as Record<string, unknown>;
      const curChild = isRecord(cur) ? cur[step.key] : undefined;
      if (last) {
        if (value === null && insideArray) delete obj[step.key];
        else obj[step.key] = value;
        return;
      }
      if (next.kind !== 'key') {
        if (!Array.isArray(obj[step.key])) obj[step.key] = Array.isArray(curChild) ? structuredClone(curChild) : [];
      } else if (!isRecord(obj[step.key])) {
        obj[step.key] = {};
      }
      container = obj[step.key];
      cur = curChild;
      return;
    }
    const arr = container as unknown[];
    let idx = pick(arr, step);
    if (idx < 0) idx = arr.push(seedFor(step)) - 1;
    if (!isRecord(arr[idx])) arr[idx] = seedFor(step);
    if (last) {
      arr[idx] = value;
      return;
    }
    container = arr[idx];
    cur = undefined;
    insideArray = true;
  });
}
