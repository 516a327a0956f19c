import { familyOf } from '../properties';
import type { FilterNode } from './ast';

/**
 * The top-level AND-ed `column eq literal` conjuncts of a bound filter, with storage column names
 * (`_parentcustomerid_value` → `parentcustomerid`) and values in the store's representation (lookups and
 * GUIDs as lower-case GUID strings, date-times as `YYYY-MM-DDTHH:MM:SSZ`). Each is a necessary condition, so the
 * store may narrow candidates with an index and must still apply the compiled filter to them (string
 * equality there is case-insensitive, and other conjuncts may remain). Navigation paths are not indexable.
 */
export interface IndexableEquality {
  readonly column: string;
  readonly value: unknown;
}

function storageValue(node: Extract<FilterNode, { kind: 'literal' }>): unknown {
  if (familyOf(node.edm) !== 'datetime') return node.value;
  return new Date(Date.parse(String(node.value))).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function equality(node: FilterNode): IndexableEquality | undefined {
  if (node.kind !== 'compare' || node.op !== 'eq') return undefined;
  const pairs = [
    [node.left, node.right],
    [node.right, node.left],
  ] as const;
  for (const [prop, lit] of pairs) {
    if (prop.kind === 'property' && prop.ref.hops.length === 0 && lit.kind === 'literal' && lit.value !== null)
      return { column: prop.ref.column.name, value: storageValue(lit) };
  }
  return undefined;
}

/** The top-level AND-ed conjuncts of a filter. */
function conjuncts(ast: FilterNode | undefined): FilterNode[] {
  const out: FilterNode[] = [];
  const walk = (node: FilterNode) => {
    if (node.kind === 'logical' && node.op === 'and') {
      walk(node.left);
      walk(node.right);
    } else out.push(node);
  };
  if (ast) walk(ast);
  return out;
}

export function indexableEqualities(ast: FilterNode | undefined): IndexableEquality[] {
  return conjuncts(ast)
    .map(equality)
    .filter((eq): eq is IndexableEquality => eq !== undefined);
}

/** `col eq 'a' or col eq 'b' or …` on one column: a necessary condition the store can answer as an index union. */
export interface IndexableInList {
  readonly column: string;
  readonly values: readonly unknown[];
}

function inList(node: FilterNode): IndexableInList | undefined {
  if (node.kind !== 'logical' || node.op !== 'or') return undefined;
  const values: unknown[] = [];
  let column: string | undefined;
  const walk = (n: FilterNode): boolean => {
    if (n.kind === 'logical' && n.op === 'or') return walk(n.left) && walk(n.right);
    const eq = equality(n);
    if (!eq || (column !== undefined && eq.column !== column)) return false;
    column = eq.column;
    values.push(eq.value);
    return true;
  };
  return walk(node) && column !== undefined ? { column, values } : undefined;
}

/** Top-level conjuncts that are OR-lists of equalities on one column (what a batched read-back sends). */
export function indexableInLists(ast: FilterNode | undefined): IndexableInList[] {
  return conjuncts(ast)
    .map(inList)
    .filter((l): l is IndexableInList => l !== undefined);
}
