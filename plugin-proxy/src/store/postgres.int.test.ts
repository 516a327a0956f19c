import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { describeStoreContract } from './contract';
import { manualClock, newJob } from './contract-support';
import { openStore } from './open-store';
import { probePostgres, TEST_DATABASE_URL } from './postgres-probe';
import { claimsPausedAfterCandidates, withDefaultIsolation } from './postgres-pause.fixture';
import { openPostgresStore } from './postgres-store';
import type { Store } from './types';

const url = TEST_DATABASE_URL;
const probe = probePostgres(url);
const suitePrefix = `store_test_${randomBytes(4).toString('hex')}`;
let n = 0;

async function dropSchema(schema: string): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.end();
  }
}

/** Every test gets its own throwaway schema under this suite's random prefix, dropped afterwards. */
function freshSchema() {
  const schema = `${suitePrefix}_${++n}`;
  const opened: Store[] = [];
  return {
    schema,
    async open(now?: () => Date, databaseUrl = url) {
      const store = await openStore({ databaseUrl, sqliteFile: '/nonexistent/unused.db', schema, now });
      opened.push(store);
      return store;
    },
    async dispose() {
      await Promise.allSettled(opened.map((s) => s.close()));
      await dropSchema(schema);
    },
  };
}

if (!probe.ok) {
  const message = `PostgreSQL is not reachable at ${url}: ${probe.reason}`;
  if (process.env.CI) {
    describe('postgres store contract', () => {
      it('needs a reachable PostgreSQL under CI', () => {
        throw new Error(`${message}. CI must run the PostgreSQL contract tests; start PostgreSQL or set TEST_DATABASE_URL.`);
      });
    });
  } else {
    console.warn(`Skipping the PostgreSQL store contract: ${message}`);
    describe.skip('postgres store contract (PostgreSQL not reachable)', () => {
      it('runs against a real PostgreSQL', () => undefined);
    });
  }
} else {
  describeStoreContract('postgres', async () => freshSchema());

  describe('postgres store specifics', () => {
    const spaces: ReturnType<typeof freshSchema>[] = [];
    const space = () => (spaces.push(freshSchema()), spaces[spaces.length - 1]!);
    afterEach(async () => {
      await Promise.all(spaces.splice(0).map((s) => s.dispose()));
    });

    it('five instances migrating a new schema at once all succeed and share it', async () => {
      const s = space();
      const stores = await Promise.all(Array.from({ length: 5 }, () => s.open()));
      const ids = await Promise.all(stores.map((store, i) => store.jobs.enqueue(newJob({ recordKey: `r${i}` }))));
      expect(new Set(ids.map((r) => r.id)).size).toBe(5);
      expect((await stores[0]!.jobs.counts()).queued).toBe(5);
    });

    it('keeps every table inside the configured schema', async () => {
      const s = space();
      await s.open();
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        const { rows } = await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [s.schema]);
        expect(rows.map((r) => r.table_name)).toEqual(['checkpoints', 'conflicts', 'jobs', 'links', 'schema_migrations']);
      } finally {
        await c.end();
      }
    });

    it('concurrent enqueues of one idempotency key store one job', async () => {
      const store = await space().open();
      const job = newJob();
      const results = await Promise.all(Array.from({ length: 10 }, () => store.jobs.enqueue(job)));
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    });

    it('claims race a redrive without ever running two jobs of one key', async () => {
      const s = space();
      const clock = manualClock();
      const [a, b] = [await s.open(clock.now), await s.open(clock.now)];
      const err = { code: 'CONNECTOR_ERR_VALIDATION' as const, message: 'x' };
      for (let round = 0; round < 40; round++) {
        const key = `race-${round}`;
        const old = await a.jobs.enqueue(newJob({ recordKey: key }));
        await a.jobs.claim('w', 1, 60_000);
        await a.jobs.fail(old.id, 'w', err, null);
        await a.jobs.enqueue(newJob({ recordKey: key }));
        const [, ...claims] = await Promise.all([
          b.jobs.retryDead(old.id),
          a.jobs.claim(`a${round}`, 5, 60_000),
          b.jobs.claim(`b${round}`, 5, 60_000),
          a.jobs.claim(`c${round}`, 5, 60_000),
          b.jobs.claim(`d${round}`, 5, 60_000),
          a.jobs.claim(`e${round}`, 5, 60_000),
        ]);
        expect(claims.flat().filter((j) => j.recordKey === key).length).toBeLessThanOrEqual(1);
        const running = await a.jobs.list({ recordKey: key, state: 'running' });
        expect(running.length).toBeLessThanOrEqual(1);
        for (const j of running) await a.jobs.complete(j.id, j.leaseOwner as string);
        // Drain the key so the next round starts from an empty queue.
        for (let left = await a.jobs.claim('drain', 5, 60_000); left.length; left = await a.jobs.claim('drain', 5, 60_000)) {
          for (const j of left) await a.jobs.complete(j.id, 'drain');
        }
        expect(await a.jobs.list({ recordKey: key, state: 'queued' })).toEqual([]);
      }
    });

    it.each(['read committed', 'repeatable read', 'serializable'] as const)(
      'a redrive committed between a claim\'s candidate scan and its key locks holds the key back (server default %s)',
      async (level) => {
        const s = space();
        const clock = manualClock();
        const store = await s.open(clock.now);
        const err = { code: 'CONNECTOR_ERR_VALIDATION' as const, message: 'x' };
        const old = await store.jobs.enqueue(newJob({ recordKey: 'k' }));
        await store.jobs.claim('w', 1, 60_000);
        await store.jobs.fail(old.id, 'w', err, null);
        const next = await store.jobs.enqueue(newJob({ recordKey: 'k' }));

        const paused = claimsPausedAfterCandidates(withDefaultIsolation(url, level), s.schema, clock.now);
        try {
          const claim = paused.jobs.claim('late', 5, 60_000);
          await paused.paused; // its candidate scan saw the old job dead, so `next` heads the key
          await store.jobs.retryDead(old.id);
          paused.resume();
          // Re-checked after the key lock, `next` is no longer the head: the redriven job is older.
          expect(await claim).toEqual([]);
          expect((await store.jobs.claim('w', 5, 60_000)).map((j) => j.id)).toEqual([old.id]);
          expect((await store.jobs.get(next.id))?.state).toBe('queued');
        } finally {
          paused.resume();
          await paused.close();
        }
      },
    );

    it('five instances migrating at once succeed when the server defaults to repeatable read', async () => {
      const s = space();
      const stores = await Promise.all(Array.from({ length: 5 }, () => s.open(undefined, withDefaultIsolation(url, 'repeatable read'))));
      await stores[0]!.jobs.enqueue(newJob());
      expect((await stores[4]!.jobs.counts()).queued).toBe(1);
    });

    it('ping fails with CONNECTOR_ERR_STORE when the database is unreachable', async () => {
      const down = openPostgresStore({ connectionString: 'postgres://postgres@127.0.0.1:1/test' });
      try {
        await expect(down.ping()).rejects.toMatchObject({ code: 'CONNECTOR_ERR_STORE' });
      } finally {
        await down.close();
      }
    });
  });
}
