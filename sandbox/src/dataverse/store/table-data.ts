import type { TableMeta } from '../metadata/registry';
import { errors } from '../errors';
import { compositeKey, indexValue } from './normalize';
import type { EntityRecord } from './types';

interface ChangeEntry {
  version: number;
  deleted: boolean;
}

/** One table's rows with its primary-key order, alternate-key and column indexes and change log. */
export class TableData {
  readonly rows = new Map<string, EntityRecord>();
  /** Ids in primary-key order (lower-case GUID string order); sorted lazily, so bulk inserts stay O(n log n). */
  private sortedIds: string[] = [];
  private unsorted = false;
  readonly keyIndexes = new Map<string, Map<string, string>>();
  readonly columnIndexes = new Map<string, Map<string, Set<string>>>();
  readonly changes = new Map<string, ChangeEntry>();
  /** Rows visited by full-table iteration and non-indexed column scans: proves key lookups never scan. */
  rowsScanned = 0;

  constructor(readonly meta: TableMeta) {
    for (const key of meta.keys) this.keyIndexes.set(key.name, new Map());
    for (const col of meta.columns) if (col.indexed) this.columnIndexes.set(col.name, new Map());
  }

  /** Throws the documented 412 when the row would violate the primary or an alternate key. */
  checkUnique(row: EntityRecord, ignoreId?: string): void {
    const id = row[this.meta.primaryId] as string;
    if (id !== ignoreId && this.rows.has(id)) throw errors.duplicateKey();
    for (const key of this.meta.keys) {
      const composite = compositeKey(key.columns.map((c) => row[c]));
      if (composite === undefined) continue;
      const owner = this.keyIndexes.get(key.name)?.get(composite);
      if (owner !== undefined && owner !== id) {
        const values = key.columns.map((c) => String(indexValue(row[c]))).join(', ');
        throw errors.duplicateEntityKey(key.name, values);
      }
    }
  }

  add(row: EntityRecord, version: number): void {
    const id = row[this.meta.primaryId] as string;
    this.rows.set(id, row);
    const last = this.sortedIds[this.sortedIds.length - 1];
    if (last !== undefined && last > id) this.unsorted = true;
    this.sortedIds.push(id);
    this.index(row, id);
    this.changes.set(id, { version, deleted: false });
  }

  put(id: string, row: EntityRecord, version: number): void {
    const old = this.rows.get(id);
    if (old) this.unindex(old, id);
    this.rows.set(id, row);
    this.index(row, id);
    this.changes.set(id, { version, deleted: false });
  }

  delete(id: string, version: number): EntityRecord | undefined {
    const old = this.rows.get(id);
    if (!old) return undefined;
    this.unindex(old, id);
    this.rows.delete(id);
    const ids = this.orderedIds;
    const at = this.position(id);
    if (ids[at] === id) ids.splice(at, 1);
    this.changes.set(id, { version, deleted: true });
    return old;
  }

  changedSince(since: number): { changed: string[]; deleted: string[] } {
    const entries = [...this.changes.entries()].filter(([, c]) => c.version > since).sort((a, b) => a[1].version - b[1].version);
    return {
      changed: entries.filter(([, c]) => !c.deleted).map(([id]) => id),
      deleted: entries.filter(([, c]) => c.deleted).map(([id]) => id),
    };
  }

  private index(row: EntityRecord, id: string): void {
    for (const key of this.meta.keys) {
      const composite = compositeKey(key.columns.map((c) => row[c]));
      if (composite !== undefined) this.keyIndexes.get(key.name)?.set(composite, id);
    }
    for (const [col, index] of this.columnIndexes) {
      const v = indexValue(row[col]);
      if (v === undefined) continue;
      let ids = index.get(v);
      if (!ids) index.set(v, (ids = new Set()));
      ids.add(id);
    }
  }

  private unindex(row: EntityRecord, id: string): void {
    for (const key of this.meta.keys) {
      const composite = compositeKey(key.columns.map((c) => row[c]));
      const index = this.keyIndexes.get(key.name);
      if (composite !== undefined && index?.get(composite) === id) index.delete(composite);
    }
    for (const [col, index] of this.columnIndexes) {
      const v = indexValue(row[col]);
      if (v !== undefined) index.get(v)?.delete(id);
    }
  }

  /** Ids in primary-key order. Do not mutate; a read never copies it (reads do not yield mid-iteration). */
  get orderedIds(): readonly string[] & string[] {
    if (this.unsorted) {
      this.sortedIds.sort();
      this.unsorted = false;
    }
    return this.sortedIds;
  }

  private position(id: string): number {
    const ids = this.orderedIds;
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ids[mid] as string) < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
