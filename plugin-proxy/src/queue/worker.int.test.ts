import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ConnectorError } from '../errors';
import { DEFAULT_RETRY_POLICY } from '../retry';
import { openStore } from '../store/open-store';
import type { Job, Store } from '../store/types';
import { startWorker, type Handler, type Worker } from './worker';

/** The worker over a real SQLite store: outcomes, the retry policy's classes, and the dead-letter hook. */
describe('worker', () => {
  let dir: string;
  let store: Store;
  let worker: Worker | undefined;
  const fast = { ...DEFAULT_RETRY_POLICY, baseMs: 1, capMs: 5, maxAttempts: 2, throttledFallbackMs: 1 };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'worker-'));
    store = await openStore({ sqliteFile: path.join(dir, 'q.sqlite') });
  });
  afterEach(async () => {
    await worker?.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function until(predicate: (jobs: Job[]) => boolean): Promise<Job[]> {
    for (let i = 0; i < 400; i++) {
      const jobs = await store.jobs.list({ limit: 100, state: undefined });
      const all = [...jobs, ...(await store.jobs.list({ state: 'dead' }))].filter((j, n, a) => a.findIndex((k) => k.id === j.id) === n);
      if (predicate(all)) return all;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('timed out waiting for the jobs');
  }

  const enqueue = (kind: string, key = 'k1', n = 1) => store.jobs.enqueue({ kind, recordKey: key, idempotencyKey: `${kind}:${key}:${n}`, source: 'admin', payload: { n } });
  const start = (handlers: Record<string, Handler>, dead?: (job: Job) => void) => {
    worker = startWorker({ store, handlers, logger: pino({ level: 'silent' }), pollMs: 5, leaseMs: 2000, policy: fast, events: { dead: dead ? (job) => dead(job) : undefined } });
  };

  test('a handler result is recorded as done or skipped with its note', async () => {
    await enqueue('ok', 'a');
    await enqueue('skip', 'b');
    start({ ok: async () => ({ note: 'wrote it' }), skip: async () => ({ skipped: true, note: 'nothing to do' }) });
    const jobs = await until((all) => all.every((j) => j.state === 'done' || j.state === 'skipped'));
    expect(jobs.map((j) => [j.kind, j.state, j.outcome])).toEqual([
      ['ok', 'done', 'wrote it'],
      ['skip', 'skipped', 'nothing to do'],
    ]);
  });

  test('429s do not use up attempts: three throttles then success with a budget of two attempts', async () => {
    await enqueue('throttled');
    let calls = 0;
    start({
      throttled: async () => {
        if (++calls <= 3) throw new ConnectorError('CONNECTOR_ERR_THROTTLED', 'slow down', { classification: 'throttled', retryAfterSec: 0 });
        return { note: 'finally' };
      },
    });
    const [job] = await until((all) => all[0]?.state === 'done');
    expect(calls).toBe(4);
    expect(job!.attempts).toBe(4);
  });

  test('transient errors retry up to the budget, then dead-letter; validation dead-letters at once; unknown kinds too', async () => {
    await enqueue('flaky', 'a');
    await enqueue('invalid', 'b');
    await enqueue('nobody-handles-this', 'c');
    const dead: string[] = [];
    start(
      {
        flaky: async () => {
          throw new ConnectorError('CONNECTOR_ERR_TRANSIENT', 'upstream 503', { classification: 'transient' });
        },
        invalid: async () => {
          throw new ConnectorError('CONNECTOR_ERR_VALIDATION', 'field "email": not an email', { classification: 'validation' });
        },
      },
      (job) => dead.push(job.kind),
    );
    const jobs = await until((all) => all.filter((j) => j.state === 'dead').length === 3);
    const byKind = Object.fromEntries(jobs.map((j) => [j.kind, j]));
    expect(byKind.flaky).toMatchObject({ attempts: 2, lastError: { code: 'CONNECTOR_ERR_TRANSIENT' } });
    expect(byKind.invalid).toMatchObject({ attempts: 1, lastError: { code: 'CONNECTOR_ERR_VALIDATION', message: 'field "email": not an email' } });
    expect(byKind['nobody-handles-this']!.lastError!.message).toMatch(/No handler/);
    expect(dead.sort()).toEqual(['flaky', 'invalid', 'nobody-handles-this']);
  });

  test("a dead-lettered job's hook (marking the record out of sync) finishes before the next job of its key starts", async () => {
    await enqueue('invalid', 'k', 1);
    await enqueue('ok', 'k', 2);
    const seen: string[] = [];
    let claims = 0;
    const counting: Store = { ...store, jobs: { ...store.jobs, claim: (...args) => ((claims += 1), store.jobs.claim(...args)) } };
    worker = startWorker({
      store: counting,
      logger: pino({ level: 'silent' }),
      pollMs: 5,
      leaseMs: 2000,
      policy: fast,
      handlers: {
        invalid: async () => {
          throw new ConnectorError('CONNECTOR_ERR_VALIDATION', 'bad', { classification: 'validation' });
        },
        ok: async () => void seen.push('next job of the key'),
      },
      events: {
        // A slow hook: the worker polls a few more times while it runs, and none of those claims may hand out job 2.
        dead: async () => {
          for (const after = claims + 3; claims < after; ) await new Promise((r) => setTimeout(r, 1));
          seen.push('dead hook done');
        },
      },
    });
    await until((all) => all.some((j) => j.kind === 'ok' && j.state === 'done'));
    expect(seen).toEqual(['dead hook done', 'next job of the key']);
  });

  test('jobs of one record run one at a time and in order; other records run alongside', async () => {
    for (let n = 1; n <= 5; n++) await enqueue('ordered', 'same', n);
    await enqueue('ordered', 'other', 1);
    const seen: number[] = [];
    let inFlightSame = 0;
    let maxInFlightSame = 0;
    start({
      ordered: async (job) => {
        if (job.recordKey === 'same') {
          maxInFlightSame = Math.max(maxInFlightSame, ++inFlightSame);
          await new Promise((r) => setTimeout(r, 5));
          seen.push((job.payload as { n: number }).n);
          inFlightSame--;
        }
      },
    });
    await until((all) => all.length === 6 && all.every((j) => j.state === 'done'));
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(maxInFlightSame).toBe(1);
  });
});
