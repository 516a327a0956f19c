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

export function indexableEqualities(ast: FilterNode | undefined): IndexableEquality[] {
  const out: IndexableEquality[] = [];
  const walk = (node: FilterNode) => {
    if (node.kind === 'logical' && node.op === 'and') {
      walk(node.left);
      walk(node.right);
      return;
    }
    const eq = equality(node);
    if (eq) out.push(eq);
  };
  if (ast) walk(ast);
  return out;
}
