import type { TableMeta } from '../../metadata/registry';
import { edmType, familyOf, GUID_RE, resolveProperty, type ValueFamily } from '../properties';
import { queryErrors } from '../query-errors';
import type { CrmFunction, CrmParam, FilterNode, PropertyRef, SyntaxNode } from './ast';

/**
 * The Microsoft.Dynamics.CRM query functions the emulator evaluates (specs/dataverse-webapi.md §1.4 lists
 * 60+; these are the ones the connector uses). Syntax: `Microsoft.Dynamics.CRM.In(PropertyName='x',
 * PropertyValues=['a','b'])`. Values arrive as strings (the docs quote even numbers) and are converted to
 * the column's type here, once, so evaluation never parses.
 */
const ARITY: Record<CrmFunction, 'values' | 'pair' | 'value' | 'none'> = {
  In: 'values',
  NotIn: 'values',
  Between: 'pair',
  NotBetween: 'pair',
  On: 'value',
  OnOrAfter: 'value',
  OnOrBefore: 'value',
  LastXDays: 'value',
  Null: 'none',
  NotNull: 'none',
};
const DATE_ONLY = new Set<CrmFunction>(['On', 'OnOrAfter', 'OnOrBefore', 'LastXDays']);
const DAY_MS = 86_400_000;

function literalValue(fn: string, param: CrmParam | undefined, what: string): string | number | boolean {
  if (!param || param.kind !== 'literal' || param.value === null)
    throw queryErrors.invalidFunctionArgument(fn, `${what} must be a literal value.`);
  return param.value;
}

function convert(fn: string, family: ValueFamily, raw: string | number | boolean): string | number | boolean {
  const fail = () => queryErrors.invalidFunctionArgument(fn, `'${String(raw)}' is not a valid value for this property.`);
  switch (family) {
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      if (typeof raw === 'boolean' || raw === '' || !Number.isFinite(n)) throw fail();
      return n;
    }
    case 'boolean':
      if (raw === true || raw === 'true' || raw === 1 || raw === '1') return true;
      if (raw === false || raw === 'false' || raw === 0 || raw === '0') return false;
      throw fail();
    case 'guid': {
      const m = GUID_RE.exec(String(raw));
      if (!m) throw fail();
      return (m[1] as string).toLowerCase();
    }
    case 'datetime': {
      const ms = Date.parse(String(raw));
      if (Number.isNaN(ms)) throw fail();
      return ms;
    }
    default:
      return String(raw).toLowerCase();
  }
}

export function bindCrmCall(name: string, params: ReadonlyMap<string, CrmParam>, table: TableMeta): FilterNode {
  const fn = name as CrmFunction;
  const full = `Microsoft.Dynamics.CRM.${name}`;
  if (!(name in ARITY)) throw queryErrors.emulatorUnsupported(`The query function '${full}'`);
  const propertyName = literalValue(full, params.get('PropertyName'), 'PropertyName');
  if (typeof propertyName !== 'string') throw queryErrors.invalidFunctionArgument(full, 'PropertyName must be a string.');
  const ref: PropertyRef = { hops: [], table, column: resolveProperty(table, propertyName) };
  const family = familyOf(edmType(ref.column));
  if (DATE_ONLY.has(fn) && family !== 'datetime')
    throw queryErrors.invalidFunctionArgument(full, `'${propertyName}' is not a date and time column.`);
  const arity = ARITY[fn];
  let raw: (string | number | boolean)[] = [];
  if (arity === 'values' || arity === 'pair') {
    const list = params.get('PropertyValues');
    if (!list || list.kind !== 'array' || list.items.length === 0)
      throw queryErrors.invalidFunctionArgument(full, 'PropertyValues must be a non-empty array.');
    if (arity === 'pair' && list.items.length !== 2)
      throw queryErrors.invalidFunctionArgument(full, 'PropertyValues must hold exactly two values.');
    raw = list.items.map((item: SyntaxNode) => literalValue(full, item, 'Each of PropertyValues'));
  } else if (arity === 'value') raw = [literalValue(full, params.get('PropertyValue'), 'PropertyValue')];
  const values =
    fn === 'LastXDays' ? raw.map((v) => convert(full, 'number', v)) : raw.map((v) => convert(full, family, v));
  if (fn === 'LastXDays' && !(Number.isInteger(values[0]) && (values[0] as number) >= 0))
    throw queryErrors.invalidFunctionArgument(full, 'PropertyValue must be a non-negative whole number of days.');
  return { kind: 'crm', fn, ref, values };
}

type Getter = (row: Readonly<Record<string, unknown>>) => unknown;

const startOfUtcDay = (ms: number) => ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);

/**
 * `get` returns the normalised value (lower-case strings/GUIDs, epoch ms for dates). Date functions work on
 * UTC days: the emulator renders every user in UTC (see format.ts). Negated set/range functions exclude
 * nulls, as the SQL `NOT IN`/`NOT BETWEEN` they translate to does.
 */
export function compileCrm(node: Extract<FilterNode, { kind: 'crm' }>, get: Getter, now: () => Date): (row: Readonly<Record<string, unknown>>) => boolean {
  const values = node.values;
  const [first, second] = values as [number, number];
  switch (node.fn) {
    case 'In': {
      const set = new Set<unknown>(values);
      return (row) => set.has(get(row));
    }
    case 'NotIn': {
      const set = new Set<unknown>(values);
      return (row) => {
        const v = get(row);
        return v !== null && !set.has(v);
      };
    }
    case 'Between':
      return (row) => {
        const v = get(row) as number | null;
        return v !== null && v >= first && v <= second;
      };
    case 'NotBetween':
      return (row) => {
        const v = get(row) as number | null;
        return v !== null && (v < first || v > second);
      };
    case 'On': {
      const day = startOfUtcDay(first);
      return (row) => {
        const v = get(row) as number | null;
        return v !== null && v >= day && v < day + DAY_MS;
      };
    }
    case 'OnOrAfter': {
      const day = startOfUtcDay(first);
      return (row) => {
        const v = get(row) as number | null;
        return v !== null && v >= day;
      };
    }
    case 'OnOrBefore': {
      const end = startOfUtcDay(first) + DAY_MS;
      return (row) => {
        const v = get(row) as number | null;
        return v !== null && v < end;
      };
    }
    case 'LastXDays': {
      const at = now().getTime();
      const since = startOfUtcDay(at) - first * DAY_MS;
      return (row) => {
        const v = get(row) as number | null;
        return v !== null && v >= since && v <= at;
      };
    }
    case 'Null':
      return (row) => get(row) === null;
    case 'NotNull':
      return (row) => get(row) !== null;
  }
}
