import type { MetadataRegistry } from '../metadata/registry';

/**
 * Internal row representation, shared by the store, the OData query library, the pipeline and webhooks:
 * - keys are logical column names;
 * - lookups (Lookup/Customer/Owner) hold a `LookupValue` or null, and are exposed over OData as `_x_value`;
 * - DateTime: ISO-8601 UTC string without milliseconds (`2024-01-02T03:04:05Z`);
 * - Money/Decimal/Double/Integer/BigInt: number; Boolean: boolean; Picklist/State/Status: integer;
 * - every row has its primary id (lower-case GUID string) and `versionnumber` (the row's weak ETag number).
 */
export type EntityRecord = Record<string, unknown>;

export interface LookupValue {
  readonly id: string;
  readonly logicalName: string;
}

export function isLookupValue(value: unknown): value is LookupValue {
  return typeof value === 'object' && value !== null && 'id' in value && 'logicalName' in value;
}

export interface ChangeSet {
  /** Store version the caller can resume from next time. */
  readonly version: number;
  /** Ids created or updated after the given version (still present), oldest change first. */
  readonly changed: readonly string[];
  /** Ids deleted after the given version. */
  readonly deleted: readonly string[];
}

export interface DataverseStore {
  readonly metadata: MetadataRegistry;
  /** A copy of the row, or undefined. */
  get(table: string, id: string): EntityRecord | undefined;
  /** Row matching all values of an alternate key (columns given in `values`), via the key's index. */
  findByAlternateKey(table: string, values: Readonly<Record<string, unknown>>): EntityRecord | undefined;
  /** Rows whose `column` equals `value` (case-insensitive for strings); uses an index when the column has one. */
  findByColumn(table: string, column: string, value: unknown): EntityRecord[];
  hasIndex(table: string, column: string): boolean;
  /** All rows of a table in primary-key order (the real service's default order). Rows are read-only views. */
  all(table: string): Iterable<Readonly<EntityRecord>>;
  count(table: string): number;
  /**
   * Rows visited by scans (full-table iteration, non-indexed column lookups), per table or in total: tests
   * assert key queries leave it unchanged. Optional so simple test doubles need not count.
   */
  scanStats?(table?: string): { rowsScanned: number };
  /** Inserts a complete row; assigns `versionnumber`; enforces primary and alternate key uniqueness (412). */
  insert(table: string, row: EntityRecord): EntityRecord;
  /** Replaces a row with its new complete state; assigns a new `versionnumber`. */
  replace(table: string, id: string, row: EntityRecord): EntityRecord;
  /** Removes a row; returns what was removed. */
  remove(table: string, id: string): EntityRecord | undefined;
  /** Change tracking: what changed in `table` after store version `since` (0 = everything). */
  changesSince(table: string, since: number): ChangeSet;
  currentVersion(): number;
  /**
   * Runs `fn` as one unit: if it throws, every insert/replace/remove it made is undone and the error is
   * rethrown. Nested calls join the outer transaction.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` once the outermost transaction commits (at once outside one); dropped on rollback. */
  afterCommit(fn: () => void): void;
}
