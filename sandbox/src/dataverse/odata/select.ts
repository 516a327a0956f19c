import type { TableMeta } from '../metadata/registry';
import { resolveProperty } from './properties';
import { queryErrors } from './query-errors';

/**
 * `$select=name,revenue,_primarycontactid_value`: OData property names, validated against the table
 * (specs/dataverse-webapi.md §1.3–1.4; unknown names and bare lookup names give the §4.3 0x0 error).
 * Returns the names in request order without duplicates, or undefined for `*` (all columns).
 */
export function parseSelect(text: string, table: TableMeta): string[] | undefined {
  const names: string[] = [];
  let offset = 0;
  for (const part of text.split(',')) {
    const name = part.trim();
    if (name === '') throw queryErrors.syntaxError(offset, text);
    offset += part.length + 1;
    if (name === '*') return undefined;
    resolveProperty(table, name);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}
