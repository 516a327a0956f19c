import { isLookup, type TableMeta } from '../metadata/registry';
import type { ColumnDef } from '../metadata/types';
import { isLookupValue, type EntityRecord, type LookupValue } from '../store/types';
import { formatValue } from './format';
import { odataName, resolveProperty } from './properties';

/**
 * One row as Web API JSON (specs/dataverse-webapi.md §1.3, samples query/formatted-values and
 * query/lookup-annotations): `@odata.etag` first, then the selected properties in `$select` order (all columns
 * in definition order without `$select`), then `_transactioncurrencyid_value` when a money column was selected,
 * then the primary key, which is always present. Each property's annotations come before the plain key:
 * FormattedValue, associatednavigationproperty, lookuplogicalname. Selected-but-empty columns are `null`.
 */
export const FORMATTED = 'OData.Community.Display.V1.FormattedValue';
export const NAVIGATION = 'Microsoft.Dynamics.CRM.associatednavigationproperty';
export const LOGICAL_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';

type Row = Readonly<EntityRecord>;

export interface LookupInfo {
  /** Primary name of the referenced row (its FormattedValue). */
  readonly name?: string;
  /** Single-valued navigation property, e.g. `ownerid`, `parentcustomerid_account`. */
  readonly navigationProperty: string;
}

export interface SerializeOptions {
  /** OData property names from `$select`; undefined = all columns. */
  readonly select?: readonly string[];
  /** Whether an annotation term was requested (see `annotationWanted`). */
  readonly annotations: (name: string) => boolean;
  /** Name and navigation property for a lookup value; `column` tells polymorphic lookups apart. */
  readonly lookupInfo: (lv: LookupValue, column: ColumnDef) => LookupInfo;
  /** Symbol of the row's transaction currency, for money formatted values. */
  readonly currencySymbol?: (row: Row) => string | undefined;
}

/** The navigation property the real service reports for a lookup value (registry defaults, §1.3). */
export function navigationPropertyFor(table: TableMeta, column: ColumnDef, target: string): string {
  const explicit = column.navigation?.[target];
  if (explicit) return explicit;
  for (const nav of table.navigation.values()) if (nav.column === column.name && nav.target === target) return nav.name;
  return (column.targets ?? []).length > 1 ? `${column.name}_${target}` : column.name;
}

/** State/Status labels may live in the table's `states` rather than on the column. */
function withLabels(table: TableMeta, column: ColumnDef): ColumnDef {
  if (column.options || !table.states) return column;
  if (column.type === 'State') return { ...column, options: Object.fromEntries(table.states.map((s) => [s.state, s.label])) };
  if (column.type === 'Status') return { ...column, options: Object.assign({}, ...table.states.map((s) => s.statuses)) };
  return column;
}

function outputColumns(table: TableMeta, select: readonly string[] | undefined): ColumnDef[] {
  if (!select) return [...table.columns];
  const columns = select.map((name) => resolveProperty(table, name));
  const currency = table.columnMap.get('transactioncurrencyid');
  if (currency && columns.some((c) => c.type === 'Money') && !columns.includes(currency)) columns.push(currency);
  const primary = table.columnMap.get(table.primaryId);
  if (primary && !columns.includes(primary)) columns.push(primary);
  return columns;
}

/** Builds a serializer once per query (column list and annotation choices resolved up front). */
export function createRowSerializer(table: TableMeta, options: SerializeOptions): (row: Row) => Record<string, unknown> {
  const columns = outputColumns(table, options.select).map((c) => ({ column: withLabels(table, c), key: odataName(c), lookup: isLookup(c) }));
  const wantFormatted = options.annotations(FORMATTED);
  const wantNavigation = options.annotations(NAVIGATION);
  const wantLogical = options.annotations(LOGICAL_NAME);
  return (row) => {
    const out: Record<string, unknown> = {};
    if (row.versionnumber !== undefined && row.versionnumber !== null) out['@odata.etag'] = `W/"${String(row.versionnumber)}"`;
    for (const { column, key, lookup } of columns) {
      const value = row[column.name] ?? null;
      if (lookup) {
        if (!isLookupValue(value)) {
          out[key] = null;
          continue;
        }
        const info = wantFormatted || wantNavigation ? options.lookupInfo(value, column) : undefined;
        if (wantFormatted && info?.name !== undefined) out[`${key}@${FORMATTED}`] = info.name;
        if (wantNavigation && info) out[`${key}@${NAVIGATION}`] = info.navigationProperty;
        if (wantLogical) out[`${key}@${LOGICAL_NAME}`] = value.logicalName;
        out[key] = value.id;
        continue;
      }
      if (wantFormatted) {
        const currencySymbol = column.type === 'Money' ? options.currencySymbol?.(row) : undefined;
        const text = formatValue(column, value, currencySymbol !== undefined ? { currencySymbol } : {});
        if (text !== undefined) out[`${key}@${FORMATTED}`] = text;
      }
      out[key] = value;
    }
    return out;
  };
}

export function serializeRow(table: TableMeta, row: Row, options: SerializeOptions): Record<string, unknown> {
  return createRowSerializer(table, options)(row);
}
