import type { TableMeta } from '../../metadata/registry';
import type { ColumnDef } from '../../metadata/types';
import type { EdmType } from '../properties';

/** Syntax tree straight from the parser: names are not yet checked against metadata. */
export type LiteralType = 'string' | 'number' | 'guid' | 'datetime' | 'date' | 'boolean' | 'null';

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type SyntaxNode =
  | { readonly kind: 'literal'; readonly type: LiteralType; readonly value: string | number | boolean | null; readonly raw: string; readonly position: number }
  | { readonly kind: 'path'; readonly segments: readonly string[]; readonly position: number }
  | { readonly kind: 'binary'; readonly op: CompareOp | 'and' | 'or'; readonly left: SyntaxNode; readonly right: SyntaxNode; readonly position: number }
  | { readonly kind: 'not'; readonly operand: SyntaxNode; readonly position: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly SyntaxNode[]; readonly position: number }
  | { readonly kind: 'crmCall'; readonly name: string; readonly params: ReadonlyMap<string, CrmParam>; readonly position: number };

/** `PropertyName='x'`, `PropertyValue=7`, `PropertyValues=['a','b']` of a Microsoft.Dynamics.CRM function. */
export type CrmParam = SyntaxNode | { readonly kind: 'array'; readonly items: readonly SyntaxNode[]; readonly position: number };

/** One hop along a single-valued navigation property (`primarycontactid/…`). */
export interface NavHop {
  readonly navigation: string;
  /** Lookup column in the table the hop starts from. */
  readonly column: string;
  /** Logical name of the table the hop lands on. */
  readonly target: string;
}

/** A property bound to metadata: the column it reads, reached through zero or more navigation hops. */
export interface PropertyRef {
  readonly hops: readonly NavHop[];
  readonly table: TableMeta;
  readonly column: ColumnDef;
}

export type CrmFunction = 'In' | 'NotIn' | 'Between' | 'NotBetween' | 'On' | 'OnOrAfter' | 'OnOrBefore' | 'LastXDays' | 'Null' | 'NotNull';

/** Bound, type-checked filter: what `QueryOptions.filter` holds and `compileFilter` consumes. */
export type FilterNode =
  | { readonly kind: 'literal'; readonly edm: EdmType; readonly value: string | number | boolean | null }
  | { readonly kind: 'property'; readonly edm: EdmType; readonly ref: PropertyRef }
  | { readonly kind: 'logical'; readonly op: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'text'; readonly fn: 'contains' | 'startswith' | 'endswith'; readonly target: FilterNode; readonly value: FilterNode }
  | { readonly kind: 'crm'; readonly fn: CrmFunction; readonly ref: PropertyRef; readonly values: readonly (string | number | boolean)[] };
