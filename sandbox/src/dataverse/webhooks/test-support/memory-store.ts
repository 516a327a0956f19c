/**
 * Minimal in-memory DataverseStore for the webhook tests: Maps, no indexes, whole-store snapshot transactions.
 * A stand-in for the real store (being written in parallel), not for HTTP.
 */
import type { MetadataRegistry } from '../../metadata/registry';
import { isLookupValue, type ChangeSet, type DataverseStore, type EntityRecord } from '../../store/types';

export class MemoryStore implements DataverseStore {
  private tables = new Map<string, Map<string, EntityRecord>>();
  private version = 0;

  constructor(readonly metadata: MetadataRegistry) {}

  private table(name: string): Map<string, EntityRecord> {
    let rows = this.tables.get(name);
    if (!rows) this.tables.set(name, (rows = new Map()));
    return rows;
  }

  private idOf(table: string, row: EntityRecord): string {
    return String(row[this.metadata.require(table).primaryId]).toLowerCase();
  }

  get(table: string, id: string): EntityRecord | undefined {
    const row = this.table(table).get(id.toLowerCase());
    return row ? structuredClone(row) : undefined;
  }

  findByAlternateKey(table: string, values: Readonly<Record<string, unknown>>): EntityRecord | undefined {
    return [...this.table(table).values()].find((row) => Object.entries(values).every(([k, v]) => row[k] === v));
  }

  findByColumn(table: string, column: string, value: unknown): EntityRecord[] {
    const norm = (v: unknown) => (isLookupValue(v) ? v.id : typeof v === 'string' ? v.toLowerCase() : v);
    return [...this.table(table).values()].filter((row) => norm(row[column]) === norm(value)).map((r) => structuredClone(r));
  }

  hasIndex(): boolean {
    return false;
  }

  all(table: string): Iterable<Readonly<EntityRecord>> {
    return [...this.table(table).entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row);
  }

  count(table: string): number {
    return this.table(table).size;
  }

  insert(table: string, row: EntityRecord): EntityRecord {
    const id = this.idOf(table, row);
    if (this.table(table).has(id)) throw new Error(`duplicate ${table} ${id}`);
    const stored = { ...row, versionnumber: ++this.version };
    this.table(table).set(id, stored);
    return structuredClone(stored);
  }

  replace(table: string, id: string, row: EntityRecord): EntityRecord {
    const stored = { ...row, versionnumber: ++this.version };
    this.table(table).set(id.toLowerCase(), stored);
    return structuredClone(stored);
  }

  remove(table: string, id: string): EntityRecord | undefined {
    const rows = this.table(table);
    const row = rows.get(id.toLowerCase());
    rows.delete(id.toLowerCase());
    return row;
  }

  changesSince(): ChangeSet {
    return { version: this.version, changed: [], deleted: [] };
  }

  currentVersion(): number {
    return this.version;
  }

  private pending: (() => void)[] | undefined;

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.pending) return fn(); // nested: join the outer transaction
    const snapshot = structuredClone(this.tables);
    this.pending = [];
    try {
      const result = await fn();
      const callbacks = this.pending;
      this.pending = undefined;
      callbacks.forEach((cb) => cb());
      return result;
    } catch (err) {
      this.tables = snapshot;
      this.pending = undefined;
      throw err;
    }
  }

  afterCommit(fn: () => void): void {
    if (this.pending) this.pending.push(fn);
    else fn();
  }
}
