import { SOLUTION_TABLES, SYNC_STATUS, type SolutionColumn } from '../../../../solution/src/schema';
import type { ColumnDef, TableExtension } from './types';

/**
 * The connector's own columns and alternate keys (publisher prefix `clar`), taken from the Dataverse solution's
 * declarative schema (solution/src/schema.ts) — the same list the solution's customizations.xml is generated
 * from — so the emulator and the shipped solution cannot drift.
 */

export { SYNC_STATUS };

const toColumn = (c: SolutionColumn): ColumnDef => ({
  name: c.name,
  type: c.type,
  ...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {}),
  ...(c.minValue !== undefined ? { minValue: c.minValue } : {}),
  ...(c.maxValue !== undefined ? { maxValue: c.maxValue } : {}),
  ...(c.options ? { options: c.options } : {}),
  ...(c.indexed ? { indexed: true } : {}),
});

export const CONNECTOR_SCHEMA: readonly TableExtension[] = SOLUTION_TABLES.map((t) => ({
  table: t.table,
  columns: t.columns.map(toColumn),
  keys: t.keys.map((k) => ({ name: k.name, columns: k.columns })),
}));
