import path from 'node:path';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { buildProxyApp as buildApp } from './app';
import { createClarityClient, type ClarityClient } from './clients/clarity';
import type { DataverseClient } from './clients/dataverse';
import type { Config } from './config';
import { controlRoutes } from './control';
import { ConnectorError } from './errors';
import { allHandlers } from './flows';
import { startCatalogSchedule, type CatalogSchedule } from './flows/catalog';
import { clarityOptionsFrom, clientsFrom } from './clients/from-config';
import { markSyncError } from './flows/customer/sync-status';
import { createLogger, type Logger } from './logger';
import { loadMappings } from './mapping';
import { addApiCalls, createMetrics, recordJobOutcome, type ProxyMetrics } from './metrics';
import { startWorker, type Worker } from './queue/worker';
import { DEFAULT_RETRY_POLICY } from './retry';
import { openStore } from './store/open-store';
import type { JobStore, Store } from './store/types';

export interface RunningProxy {
  app: FastifyInstance;
  store: Store;
  worker: Worker;
  dataverse: DataverseClient;
  clarity: ClarityClient;
  metrics: ProxyMetrics;
  logger: Logger;
  ownUserId: string;
  /** The scheduled full catalog sync, when CATALOG_SYNC_INTERVAL_MINUTES is set. */
  catalogSchedule?: CatalogSchedule;
  /** `http://host:port` once listening. */
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** false: build everything but do not listen (tests use app.inject). */
  listen?: boolean;
  /** Do not run the worker in this process (an intake-only instance). */
  worker?: boolean;
  /** More route plugins on the same server (the sandbox launcher adds its control preview pages). */
  extraRoutes?: FastifyPluginAsync[];
  /**
   * A Dataverse client built by the caller instead of one from the configuration (the benchmarks pass one paced
   * for the emulator's scaled-down limits); the proxy closes it on close.
   */
  dataverse?: DataverseClient;
}

/** Wakes the worker right after an enqueue in this process, so an event is picked up in milliseconds. */
function wakingJobs(jobs: JobStore, wake: () => void): JobStore {
  return new Proxy(jobs, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'enqueue' && typeof value === 'function')
        return async (...args: Parameters<JobStore['enqueue']>) => {
          const result = await (value as JobStore['enqueue']).apply(target, args);
          if (!result.duplicate) wake();
          return result;
        };
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Starts the connector: store (SQLite or PostgreSQL), mappings (validated, failing fast), API clients,
 * the connector's own Dataverse user (WhoAmI, for echo suppression), the worker and the HTTP app.
 */
export async function startProxy(config: Readonly<Config>, options: StartOptions = {}): Promise<RunningProxy> {
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL, secretHeaders: [config.DATAVERSE_WEBHOOK_HEADER], base: { service: 'plugin-proxy' } });
  const mappings = loadMappings(config.MAPPINGS_DIR);
  const store = await openStore({ databaseUrl: config.DATABASE_URL, sqliteFile: path.resolve(config.SQLITE_FILE) });
  const dataverse = options.dataverse ?? clientsFrom(config).dataverse;
  const clarityOptions = clarityOptionsFrom(config);
  const clarity = createClarityClient(clarityOptions);
  // The control API's reads get their own client: a short timeout, and no waiting behind the worker's calls.
  const controlClarity = createClarityClient({ ...clarityOptions, timeoutMs: config.CONTROL_CLARITY_TIMEOUT_MS });
  let who: { UserId: string };
  try {
    who = await dataverse.whoAmI();
  } catch (err) {
    await store.close();
    const reason = err instanceof Error ? err.message : String(err);
    throw new ConnectorError('CONNECTOR_ERR_AUTH', `Cannot sign in to Dataverse at ${config.DATAVERSE_URL} as ${config.DATAVERSE_CLIENT_ID}: ${reason}`, { cause: err });
  }
  const metrics = createMetrics();
  const deps = { store, dataverse, clarity, mappings, now: () => new Date(), logger };
  let lastCalls = { dataverse: { requests: 0, throttled: 0 }, clarity: { requests: 0, throttled: 0 } };
  const syncApiCounters = () => {
    const dv = dataverse.stats();
    const cl = clarity.stats();
    addApiCalls(metrics, 'dataverse', dv.requests - lastCalls.dataverse.requests, dv.throttled - lastCalls.dataverse.throttled);
    addApiCalls(metrics, 'clarity', cl.requests - lastCalls.clarity.requests, cl.throttled - lastCalls.clarity.throttled);
    lastCalls = { dataverse: { requests: dv.requests, throttled: dv.throttled }, clarity: { requests: cl.requests, throttled: cl.throttled } };
  };
  const worker: Worker =
    options.worker === false
      ? { owner: 'none', wake: () => undefined, stop: async () => undefined, idle: async () => undefined }
      : startWorker({
          store,
          handlers: allHandlers(deps, { inventory: { direction: config.INVENTORY_DIRECTION, locationId: config.INVENTORY_LOCATION_ID } }),
          logger,
          concurrency: config.WORKER_CONCURRENCY,
          leaseMs: config.JOB_LEASE_MS,
          pollMs: config.POLL_INTERVAL_MS,
          policy: { ...DEFAULT_RETRY_POLICY, baseMs: config.RETRY_BASE_MS, capMs: config.RETRY_CAP_MS },
          events: {
            done: (job) => {
              recordJobOutcome(metrics, job.kind, 'processed', job.createdAt);
              syncApiCounters();
            },
            // Every outcome brings the API counters up to date: a 429 storm is mostly retries, and /metrics must
            // show it while it lasts, not after the next success.
            retried: (job) => {
              recordJobOutcome(metrics, job.kind, 'retried');
              syncApiCounters();
            },
            dead: async (job, error) => {
              recordJobOutcome(metrics, job.kind, 'dead_lettered');
              syncApiCounters();
              await markSyncError(deps, job, error);
            },
          },
        });
  const storeForApp: Store = {
    kind: store.kind,
    jobs: wakingJobs(store.jobs, () => worker.wake()),
    links: store.links,
    conflicts: store.conflicts,
    checkpoints: store.checkpoints,
    migrate: () => store.migrate(),
    ping: () => store.ping(),
    close: () => store.close(),
  };
  // Enqueues through the waking store, so this instance's worker starts it at once.
  const catalogSchedule =
    config.CATALOG_SYNC_INTERVAL_MINUTES > 0 ? startCatalogSchedule({ jobs: storeForApp.jobs, intervalMinutes: config.CATALOG_SYNC_INTERVAL_MINUTES, logger }) : undefined;
  const control = controlRoutes({ config, store: storeForApp, dataverse, clarity: controlClarity });
  const app = buildApp({ config, store: storeForApp, logger, metrics, ownUserId: () => who.UserId, extraRoutes: [control, ...(options.extraRoutes ?? [])] });
  let url = '';
  if (options.listen !== false) url = await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ url, ownUserId: who.UserId, store: store.kind }, 'connector proxy started');
  return {
    app,
    store,
    worker,
    dataverse,
    clarity,
    metrics,
    logger,
    ownUserId: who.UserId,
    ...(catalogSchedule ? { catalogSchedule } : {}),
    url,
    async close() {
      catalogSchedule?.stop();
      await app.close();
      await worker.stop();
      await Promise.allSettled([dataverse.close(), clarity.close(), controlClarity.close()]);
      await store.close();
    },
  };
}
