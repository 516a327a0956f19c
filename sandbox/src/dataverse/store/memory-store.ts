import { AsyncLocalStorage } from 'node:async_hooks';
import type { MetadataRegistry } from '../metadata/registry';
import { compositeKey, indexValue } from './normalize';
import { TableData } from './table-data';
import type { ChangeSet, DataverseStore, EntityRecord } from './types';

type Undo = () => void;

/**
 * In-memory store for the emulator: Maps with alternate-key and column indexes, so lookups by key over
 * 100,000 rows never scan. Transactions keep an undo log per async call chain (AsyncLocalStorage), which is
 * what a `$batch` change set and a failing synchronous webhook step need to roll back.
 */
export class MemoryStore implements DataverseStore {
  private readonly tables = new Map<string, TableData>();
  private version = 1000;
  private readonly tx = new AsyncLocalStorage<{ undo: Undo[]; commit: (() => void)[] }>();

  constructor(readonly metadata: MetadataRegistry) {
    for (const meta of metadata.tables()) this.tables.set(meta.logicalName, new TableData(meta));
  }

  get(table: string, id: string): EntityRecord | undefined {
    const row = this.data(table).rows.get(id.toLowerCase());
    return row ? { ...row } : undefined;
  }

  findByAlternateKey(table: string, values: Readonly<Record<string, unknown>>): EntityRecord | undefined {
    const data = this.data(table);
    const names = Object.keys(values).sort();
    const key = data.meta.keys.find((k) => [...k.columns].sort().join(',') === names.join(','));
    if (!key) return undefined;
    const composite = compositeKey(key.columns.map((c) => values[c]));
    const id = composite === undefined ? undefined : data.keyIndexes.get(key.name)?.get(composite);
    return id ? this.get(table, id) : undefined;
  }

  findByColumn(table: string, column: string, value: unknown): EntityRecord[] {
    const data = this.data(table);
    const wanted = indexValue(value);
    const index = data.columnIndexes.get(column);
    if (index) return [...(wanted === undefined ? [] : (index.get(wanted) ?? []))].sort().map((id) => ({ ...data.rows.get(id) }));
    const out: EntityRecord[] = [];
    for (const id of data.orderedIds) {
      data.rowsScanned++;
      const row = data.rows.get(id) as EntityRecord;
      if (indexValue(row[column]) === wanted) out.push({ ...row });
    }
    return out;
  }

  hasIndex(table: string, column: string): boolean {
    return this.data(table).columnIndexes.has(column);
  }

  *all(table: string): Iterable<Readonly<EntityRecord>> {
    const data = this.data(table);
    for (const id of [...data.orderedIds]) {
      const row = data.rows.get(id);
      if (!row) continue;
      // Counted as rows are pulled, so a query that stops after one page counts only what it read.
      data.rowsScanned++;
      yield row;
    }
  }

  /** Rows visited by scans (`all()`, non-indexed `findByColumn`), for one table or all of them. */
  scanStats(table?: string): { rowsScanned: number } {
    if (table !== undefined) return { rowsScanned: this.data(table).rowsScanned };
    let rowsScanned = 0;
    for (const data of this.tables.values()) rowsScanned += data.rowsScanned;
    return { rowsScanned };
  }

  count(table: string): number {
    return this.data(table).rows.size;
  }

  insert(table: string, row: EntityRecord): EntityRecord {
    const data = this.data(table);
    const id = String(row[data.meta.primaryId]).toLowerCase();
    const stored = { ...row, [data.meta.primaryId]: id, versionnumber: this.nextVersion() };
    data.checkUnique(stored);
    data.add(stored, stored.versionnumber);
    this.recordUndo(() => data.delete(id, this.nextVersion()));
    return { ...stored };
  }

  replace(table: string, id: string, row: EntityRecord): EntityRecord {
    const data = this.data(table);
    const key = id.toLowerCase();
    const previous = data.rows.get(key);
    if (!previous) throw new Error(`replace: ${table}(${key}) does not exist`);
    const stored = { ...row, [data.meta.primaryId]: key, versionnumber: this.nextVersion() };
    data.checkUnique(stored, key);
    data.put(key, stored, stored.versionnumber);
    this.recordUndo(() => data.put(key, previous, this.nextVersion()));
    return { ...stored };
  }

  remove(table: string, id: string): EntityRecord | undefined {
    const data = this.data(table);
    const removed = data.delete(id.toLowerCase(), this.nextVersion());
    if (removed) this.recordUndo(() => data.add(removed, this.nextVersion()));
    return removed ? { ...removed } : undefined;
  }

  changesSince(table: string, since: number): ChangeSet {
    return { version: this.version, ...this.data(table).changedSince(since) };
  }

  currentVersion(): number {
    return this.version;
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.tx.getStore()) return fn();
    const state = { undo: [] as Undo[], commit: [] as (() => void)[] };
    let result: T;
    try {
      result = await this.tx.run(state, fn);
    } catch (err) {
      for (const step of state.undo.reverse()) step();
      throw err;
    }
    for (const hook of state.commit) hook();
    return result;
  }

  afterCommit(fn: () => void): void {
    const state = this.tx.getStore();
    if (state) state.commit.push(fn);
    else fn();
  }

  private recordUndo(step: Undo): void {
    this.tx.getStore()?.undo.push(step);
  }

  private nextVersion(): number {
    return ++this.version;
  }

  private data(table: string): TableData {
    const data = this.tables.get(table);
    if (!data) throw new Error(`Unknown table ${table}`);
    return data;
  }
}
