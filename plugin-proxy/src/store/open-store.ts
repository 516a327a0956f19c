/** Picks the engine (design.md: one embedded default, one scale-out engine) and brings the schema up to date. */
import { openPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';
import type { Store } from './types';

export interface OpenStoreOptions {
  /** PostgreSQL connection string; when set, PostgreSQL is used and `sqliteFile` is ignored. */
  databaseUrl?: string;
  sqliteFile: string;
  /** PostgreSQL schema (default `clarity_connector`). */
  schema?: string;
  now?: () => Date;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store = options.databaseUrl
    ? openPostgresStore({ connectionString: options.databaseUrl, schema: options.schema, now: options.now })
    : openSqliteStore({ file: options.sqliteFile, now: options.now });
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}
