import { isLookup, type TableMeta } from '../../metadata/registry';
import { isLookupValue, type EntityRecord } from '../../store/types';
import { edmType, familyOf, type ValueFamily } from '../properties';
import type { CompareOp, FilterNode, PropertyRef } from './ast';
import { edmOf } from './bind';
import { compileCrm } from './crm-functions';

/**
 * Compiles a bound filter into closures once per query; evaluating a row does no parsing or metadata lookups
 * (the store runs these over 100,000 rows). Values are normalised per comparison family: strings and GUIDs
 * lower-cased (string comparison is case-insensitive, specs/dataverse-webapi.md §1.4), dates as epoch ms.
 * Null semantics follow OData: `x eq null` tests for null, `ne` is true when exactly one side is null,
 * ordering comparisons with a null are false.
 */
export type Row = Readonly<EntityRecord>;
export type Resolver = (table: string, id: string) => Row | undefined;
export type Predicate = (row: Row) => boolean;
type Getter = (row: Row) => unknown;

export interface CompileOptions {
  /** Clock for relative date functions (LastXDays); defaults to the real clock. */
  readonly now?: () => Date;
}

function normaliser(family: ValueFamily): (v: unknown) => unknown {
  switch (family) {
    case 'string':
    case 'guid':
      return (v) => (v === null || v === undefined ? null : String(v).toLowerCase());
    case 'datetime':
      return (v) => {
        if (v === null || v === undefined) return null;
        const ms = typeof v === 'number' ? v : Date.parse(String(v));
        return Number.isNaN(ms) ? null : ms;
      };
    default:
      return (v) => (v === undefined ? null : v);
  }
}

/** Reads a (possibly navigated) property; lookups yield their GUID, a broken or foreign hop yields null. */
export function propertyGetter(ref: PropertyRef, resolve: Resolver): Getter {
  const name = ref.column.name;
  const read: Getter = isLookup(ref.column)
    ? (row) => {
        const v = row[name];
        return isLookupValue(v) ? v.id : null;
      }
    : (row) => row[name];
  if (ref.hops.length === 0) return read;
  const hops = ref.hops;
  return (row) => {
    let current: Row | undefined = row;
    for (const hop of hops) {
      const lv: unknown = current[hop.column];
      if (!isLookupValue(lv) || lv.logicalName !== hop.target) return null;
      current = resolve(hop.target, lv.id);
      if (!current) return null;
    }
    return read(current);
  };
}

const ORDER: Record<Exclude<CompareOp, 'eq' | 'ne'>, (a: never, b: never) => boolean> = {
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
};

export function compileFilter(ast: FilterNode, _table: TableMeta, resolve: Resolver, options: CompileOptions = {}): Predicate {
  const now = options.now ?? (() => new Date());

  const propertyValue = (ref: PropertyRef, family: ValueFamily): Getter => {
    const get = propertyGetter(ref, resolve);
    const norm = normaliser(family);
    return (row) => norm(get(row));
  };

  const value = (node: FilterNode, family: ValueFamily): Getter => {
    const norm = normaliser(family);
    switch (node.kind) {
      case 'literal': {
        const constant = norm(node.value);
        return () => constant;
      }
      case 'property':
        return propertyValue(node.ref, family);
      default:
        return predicate(node);
    }
  };

  const compare = (op: CompareOp, left: FilterNode, right: FilterNode): Predicate => {
    const fl = familyOf(edmOf(left));
    const family = fl === 'null' ? familyOf(edmOf(right)) : fl;
    const a = value(left, family);
    const b = value(right, family);
    if (right.kind === 'literal' && (op === 'eq' || op === 'ne')) {
      const constant = normaliser(family)(right.value);
      return op === 'eq' ? (row) => a(row) === constant : (row) => a(row) !== constant;
    }
    if (op === 'eq') return (row) => a(row) === b(row);
    if (op === 'ne') return (row) => a(row) !== b(row);
    const test = ORDER[op] as (x: unknown, y: unknown) => boolean;
    return (row) => {
      const x = a(row);
      const y = b(row);
      return x !== null && y !== null && test(x, y);
    };
  };

  const predicate = (node: FilterNode): Predicate => {
    switch (node.kind) {
      case 'logical': {
        const l = predicate(node.left);
        const r = predicate(node.right);
        return node.op === 'and' ? (row) => l(row) && r(row) : (row) => l(row) || r(row);
      }
      case 'not': {
        const inner = predicate(node.operand);
        return (row) => !inner(row);
      }
      case 'compare':
        return compare(node.op, node.left, node.right);
      case 'text': {
        const target = value(node.target, 'string');
        const needle = value(node.value, 'string');
        const test =
          node.fn === 'contains'
            ? (s: string, n: string) => s.includes(n)
            : node.fn === 'startswith'
              ? (s: string, n: string) => s.startsWith(n)
              : (s: string, n: string) => s.endsWith(n);
        return (row) => {
          const s = target(row);
          const n = needle(row);
          return typeof s === 'string' && typeof n === 'string' && test(s, n);
        };
      }
      case 'crm':
        return compileCrm(node, propertyValue(node.ref, familyOf(edmType(node.ref.column))), now);
      case 'property': {
        const get = propertyGetter(node.ref, resolve);
        return (row) => get(row) === true;
      }
      case 'literal':
        return node.value === true ? () => true : () => false;
    }
  };

  return predicate(ast);
}
