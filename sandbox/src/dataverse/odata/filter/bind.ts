import type { MetadataRegistry, TableMeta } from '../../metadata/registry';
import { errors } from '../../errors';
import { edmType, familyOf, GUID_RE, resolveProperty, type EdmType } from '../properties';
import { queryErrors } from '../query-errors';
import type { CompareOp, FilterNode, LiteralType, NavHop, PropertyRef, SyntaxNode } from './ast';
import { bindCrmCall } from './crm-functions';
import { CRM_PREFIX } from './parser';

/**
 * Binds a syntax tree to metadata and type-checks it the way ODL's MetadataBinder does, so the emulator
 * rejects what the real service rejects (specs/dataverse-webapi.md §1.4): unknown properties give the §4.3
 * "Could not find a property named …" error, mismatched operand types give ODL's incompatible-types error.
 */
const KIND: Record<CompareOp | 'and' | 'or', string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
  and: 'And',
  or: 'Or',
};

const LITERAL_EDM: Record<LiteralType, EdmType> = {
  string: 'Edm.String',
  number: 'Edm.Int32',
  guid: 'Edm.Guid',
  datetime: 'Edm.DateTimeOffset',
  date: 'Edm.Date',
  boolean: 'Edm.Boolean',
  null: 'null',
};

/** OData canonical functions that parse but that the emulator does not evaluate. */
const CANONICAL = new Set(['tolower', 'toupper', 'trim', 'length', 'indexof', 'substring', 'concat', 'year', 'month', 'day', 'hour', 'minute', 'second', 'date', 'time', 'now', 'round', 'floor', 'ceiling', 'cast', 'isof']);
const TEXT_FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);

export function edmOf(node: FilterNode): EdmType {
  if (node.kind === 'literal' || node.kind === 'property') return node.edm;
  return 'Edm.Boolean';
}

/** Resolves `a/b/c`: every segment but the last is a single-valued navigation property. */
export function bindPath(segments: readonly string[], table: TableMeta, registry: MetadataRegistry): PropertyRef {
  const hops: NavHop[] = [];
  let current = table;
  for (const segment of segments.slice(0, -1)) {
    const nav = current.navigation.get(segment);
    if (!nav) {
      if (current.collectionMap.has(segment))
        throw errors.badRequest(`The parent value for a property access of a property '${segments[hops.length + 1]}' is not a single value. Property access can only be applied to a single value.`);
      throw errors.propertyNotFound(segment, current.logicalName);
    }
    hops.push({ navigation: nav.name, column: nav.column, target: nav.target });
    current = registry.require(nav.target);
  }
  return { hops, table: current, column: resolveProperty(current, segments[segments.length - 1] as string) };
}

function bindLiteral(node: Extract<SyntaxNode, { kind: 'literal' }>): FilterNode {
  let edm = LITERAL_EDM[node.type];
  if (node.type === 'number') {
    const n = node.value as number;
    if (!Number.isInteger(n)) edm = 'Edm.Decimal';
    else if (Math.abs(n) > 2147483647) edm = 'Edm.Int64';
  }
  const value = node.type === 'guid' ? (node.value as string).toLowerCase() : node.value;
  return { kind: 'literal', edm, value };
}

/** Dataverse documents `_x_value eq '<guid>'`: a quoted GUID is accepted where a Guid is expected. */
function guidFromString(node: FilterNode): FilterNode | undefined {
  if (node.kind !== 'literal' || node.edm !== 'Edm.String') return undefined;
  const m = GUID_RE.exec(node.value as string);
  return m ? { kind: 'literal', edm: 'Edm.Guid', value: (m[1] as string).toLowerCase() } : undefined;
}

function bindCompare(op: CompareOp, leftIn: FilterNode, rightIn: FilterNode): FilterNode {
  let left = leftIn;
  let right = rightIn;
  const fl = familyOf(edmOf(left));
  const fr = familyOf(edmOf(right));
  if (fl === 'guid' && fr === 'string') right = guidFromString(right) ?? right;
  if (fr === 'guid' && fl === 'string') left = guidFromString(left) ?? left;
  const a = familyOf(edmOf(left));
  const b = familyOf(edmOf(right));
  if (a !== b && a !== 'null' && b !== 'null') throw queryErrors.incompatibleOperands(edmOf(left), edmOf(right), KIND[op]);
  return { kind: 'compare', op, left, right };
}

export function bindNode(node: SyntaxNode, table: TableMeta, registry: MetadataRegistry): FilterNode {
  const bind = (n: SyntaxNode) => bindNode(n, table, registry);
  switch (node.kind) {
    case 'literal':
      return bindLiteral(node);
    case 'path': {
      const ref = bindPath(node.segments, table, registry);
      return { kind: 'property', edm: edmType(ref.column), ref };
    }
    case 'not': {
      const operand = bind(node.operand);
      if (edmOf(operand) !== 'Edm.Boolean') throw queryErrors.incompatibleUnary(edmOf(operand), 'Not');
      return { kind: 'not', operand };
    }
    case 'binary': {
      const left = bind(node.left);
      const right = bind(node.right);
      if (node.op !== 'and' && node.op !== 'or') return bindCompare(node.op, left, right);
      if (edmOf(left) !== 'Edm.Boolean' || edmOf(right) !== 'Edm.Boolean')
        throw queryErrors.incompatibleOperands(edmOf(left), edmOf(right), KIND[node.op]);
      return { kind: 'logical', op: node.op, left, right };
    }
    case 'call': {
      if (!TEXT_FUNCTIONS.has(node.name)) {
        if (CANONICAL.has(node.name)) throw queryErrors.emulatorUnsupported(`The function '${node.name}'`);
        throw queryErrors.unknownFunction(node.name);
      }
      const args = node.args.map(bind);
      const [target, value] = args;
      const isText = (n: FilterNode | undefined) => n !== undefined && ['string', 'null'].includes(familyOf(edmOf(n)));
      if (args.length !== 2 || !isText(target) || !isText(value) || !target || !value)
        throw queryErrors.noFunctionSignature(node.name, `${node.name}(Edm.String Nullable=true, Edm.String Nullable=true)`);
      return { kind: 'text', fn: node.name as 'contains' | 'startswith' | 'endswith', target, value };
    }
    case 'crmCall':
      return bindCrmCall(node.name.slice(CRM_PREFIX.length), node.params, table);
  }
}

/** Binds a parsed `$filter` to `table`; the result must be a single boolean value, as ODL requires. */
export function bindFilter(syntax: SyntaxNode, table: TableMeta, registry: MetadataRegistry): FilterNode {
  const bound = bindNode(syntax, table, registry);
  if (edmOf(bound) !== 'Edm.Boolean') throw queryErrors.notSingleBoolean();
  return bound;
}
