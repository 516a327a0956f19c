import { ConnectorError } from '../errors';
import { openStore } from './open-store';

describe('openStore', () => {
  it('uses SQLite when no DATABASE_URL is given, migrated and ready', async () => {
    const store = await openStore({ sqliteFile: ':memory:' });
    try {
      expect(store.kind).toBe('sqlite');
      await store.migrate(); // idempotent
      await store.ping();
      expect(await store.jobs.enqueue({ kind: 'k', recordKey: 'r', idempotencyKey: 'i', source: 'admin', payload: {} })).toEqual({ id: '1', duplicate: false });
    } finally {
      await store.close();
    }
  });

  it('uses PostgreSQL when a URL is given, and reports an unreachable one as CONNECTOR_ERR_STORE', async () => {
    const err = await openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none', sqliteFile: ':memory:' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).code).toBe('CONNECTOR_ERR_STORE');
    expect((err as ConnectorError).message).toMatch(/ECONNREFUSED/);
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(openStore({ databaseUrl: 'postgres://127.0.0.1:1/x', sqliteFile: ':memory:', schema: 'a;drop' })).rejects.toMatchObject({
      code: 'CONNECTOR_ERR_CONFIG',
    });
  });
});

describe('openStore failures', () => {
  it('names the SQLite file it cannot open', async () => {
    await expect(openStore({ sqliteFile: '/nonexistent-dir/x/store.db' })).rejects.toMatchObject({
      code: 'CONNECTOR_ERR_STORE',
      message: expect.stringContaining('/nonexistent-dir/x/store.db'),
    });
  });
});
