/**
 * Starts the proxy app on port 0 over real HTTP with the real SQLite store on a temp file (style.md practice 9:
 * never mock the queue), logs captured in memory so tests can prove secrets stay out of them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildProxyApp, type ProxyAppDeps } from '../../app';
import { loadConfig, type Config } from '../../config';
import { createLogger } from '../../logger';
import { createMetrics, type ProxyMetrics } from '../../metrics';
import { openStore } from '../../store/open-store';
import type { Store } from '../../store/types';
import { minimalEnv } from './env';

export interface TestApp {
  url: string;
  app: FastifyInstance;
  store: Store;
  config: Readonly<Config>;
  metrics: ProxyMetrics;
  logs(): string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: NodeJS.ProcessEnv;
  ownUserId?: string;
  now?: () => Date;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'proxy-app-'));
  const config = loadConfig({ ...minimalEnv(), SQLITE_FILE: path.join(dir, 'connector.sqlite'), ...options.env });
  const store = await openStore({ sqliteFile: config.SQLITE_FILE });
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination, secretHeaders: [config.DATAVERSE_WEBHOOK_HEADER] });
  const metrics = createMetrics();
  const deps: ProxyAppDeps = { config, store, logger, metrics, ownUserId: () => options.ownUserId, now: options.now };
  const app = buildProxyApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    config,
    metrics,
    logs: () => lines.join(''),
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** All jobs in any state (the list API filters by one state at a time). */
export async function allJobs(store: Store) {
  const states = ['queued', 'running', 'retry', 'done', 'dead', 'discarded', 'skipped'] as const;
  return (await Promise.all(states.map((state) => store.jobs.list({ state, limit: 1000 })))).flat();
}

export async function totalJobs(store: Store): Promise<number> {
  return Object.values(await store.jobs.counts()).reduce((a, b) => a + b, 0);
}
