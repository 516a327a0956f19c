import { isLookup, lookupValueName, type TableMeta } from '../metadata/registry';
import type { AttributeType, ColumnDef } from '../metadata/types';
import { errors } from '../errors';

/**
 * How columns are named over OData: plain columns by logical name, lookups only as `_x_value`
 * (specs/dataverse-webapi.md §1.3). The bare lookup name is a navigation property, not a structural one, so
 * `$select=parentcustomerid` fails with "Could not find a property named …" like the real service.
 */
export function resolveProperty(table: TableMeta, name: string): ColumnDef {
  const direct = table.columnMap.get(name);
  if (direct && !isLookup(direct)) return direct;
  const m = /^_(.+)_value$/.exec(name);
  const lookup = m ? table.columnMap.get(m[1] as string) : undefined;
  if (lookup && isLookup(lookup)) return lookup;
  throw errors.propertyNotFound(name, table.logicalName);
}

/** The OData property name a column is read under. */
export function odataName(column: ColumnDef): string {
  return isLookup(column) ? lookupValueName(column.name) : column.name;
}

export type EdmType =
  | 'Edm.String'
  | 'Edm.Guid'
  | 'Edm.Int32'
  | 'Edm.Int64'
  | 'Edm.Decimal'
  | 'Edm.Double'
  | 'Edm.Boolean'
  | 'Edm.DateTimeOffset'
  | 'Edm.Date'
  | 'null';

const EDM: Record<AttributeType, EdmType> = {
  Uniqueidentifier: 'Edm.Guid',
  Lookup: 'Edm.Guid',
  Customer: 'Edm.Guid',
  Owner: 'Edm.Guid',
  String: 'Edm.String',
  Memo: 'Edm.String',
  EntityName: 'Edm.String',
  Integer: 'Edm.Int32',
  Picklist: 'Edm.Int32',
  State: 'Edm.Int32',
  Status: 'Edm.Int32',
  BigInt: 'Edm.Int64',
  Decimal: 'Edm.Decimal',
  Money: 'Edm.Decimal',
  Double: 'Edm.Double',
  Boolean: 'Edm.Boolean',
  DateTime: 'Edm.DateTimeOffset',
};

export function edmType(column: ColumnDef): EdmType {
  return EDM[column.type];
}

/** Comparison family: values of one family are compared after the same normalisation. */
export type ValueFamily = 'string' | 'guid' | 'number' | 'boolean' | 'datetime' | 'null';

export function familyOf(edm: EdmType): ValueFamily {
  switch (edm) {
    case 'Edm.String':
      return 'string';
    case 'Edm.Guid':
      return 'guid';
    case 'Edm.Boolean':
      return 'boolean';
    case 'Edm.DateTimeOffset':
    case 'Edm.Date':
      return 'datetime';
    case 'null':
      return 'null';
    default:
      return 'number';
  }
}

export const GUID_RE = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/**
 * SQL Server's uniqueidentifier order (SqlGuid.CompareTo): the last six bytes are most significant, then
 * the fourth group, then the first three groups in their little-endian storage order. The real service's
 * default order is by primary key, so paging order follows this, not the string order.
 */
export function sqlGuidKey(id: string): string {
  const s = id.toLowerCase();
  return (
    s.slice(24, 36) + s.slice(19, 23) + s.slice(16, 18) + s.slice(14, 16) + s.slice(11, 13) + s.slice(9, 11) +
    s.slice(6, 8) + s.slice(4, 6) + s.slice(2, 4) + s.slice(0, 2)
  );
}

export function compareGuids(a: string, b: string): number {
  const ka = sqlGuidKey(a);
  const kb = sqlGuidKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
