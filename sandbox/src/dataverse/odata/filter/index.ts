import type { MetadataRegistry, TableMeta } from '../../metadata/registry';
import type { FilterNode } from './ast';
import { bindFilter } from './bind';
import { parseFilterSyntax } from './parser';

export type { FilterNode, PropertyRef, NavHop, SyntaxNode, CompareOp, CrmFunction } from './ast';
export { compileFilter, propertyGetter, type Predicate, type Resolver, type Row, type CompileOptions } from './compile';
export { indexableEqualities, indexableInLists, type IndexableEquality, type IndexableInList } from './indexable';
export { parseFilterSyntax } from './parser';
export { tokenize, type Token } from './tokenizer';

/**
 * Parses and binds `$filter` text against `table`. `aliases` holds the query's `@name` values; pass
 * `null` where aliases are not allowed (inside `$expand`, specs/dataverse-webapi.md §1.4).
 */
export function parseFilter(
  text: string,
  table: TableMeta,
  registry: MetadataRegistry,
  aliases: ReadonlyMap<string, string> | null = new Map(),
): FilterNode {
  return bindFilter(parseFilterSyntax(text, aliases ? { aliases } : {}), table, registry);
}
