import { errors } from '../errors';
import type { TableMeta } from '../metadata/registry';
import type { KeySpec } from '../http/resource-path';
import type { DataverseStore, EntityRecord } from '../store/types';

/** Normalises a key spec to storage column names; rejects columns that are not a declared key (§2.4). */
export function keyColumns(table: TableMeta, spec: KeySpec): { id?: string; values?: Record<string, unknown> } {
  if (spec.kind === 'id') return { id: spec.id };
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(spec.values)) {
    const m = /^_(.+)_value$/.exec(name);
    values[m ? (m[1] as string) : name] = value;
  }
  const names = Object.keys(values).sort().join(',');
  if (names === table.primaryId) return { id: String(values[table.primaryId]).toLowerCase() };
  const declared = table.keys.some((k) => [...k.columns].sort().join(',') === names);
  if (!declared) throw errors.invalidKey(table.logicalName);
  return { values };
}

/** The row a key spec addresses, or undefined. */
export function findRow(store: DataverseStore, table: TableMeta, spec: KeySpec): EntityRecord | undefined {
  const cols = keyColumns(table, spec);
  if (cols.id !== undefined) return store.get(table.logicalName, cols.id);
  return store.findByAlternateKey(table.logicalName, cols.values ?? {});
}

/** The row a key spec addresses, or the documented 404 (by id or by alternate key). */
export function requireRow(store: DataverseStore, table: TableMeta, spec: KeySpec): EntityRecord {
  const row = findRow(store, table, spec);
  if (row) return row;
  if (spec.kind === 'id') throw errors.recordNotFound(table.logicalName, spec.id);
  throw errors.recordNotFoundByKey(table.logicalName);
}
