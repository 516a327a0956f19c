/**
 * Prometheus metrics, one registry per app instance (never prom-client's global one, so two apps in one test
 * process do not share or clash). Queue depth is read from the store at scrape time; everything else is a
 * counter or histogram that intake, the worker and the API clients bump through the functions below.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JobState, JobStore } from './store/types';

export type WebhookSource = 'clarity' | 'dataverse';
/** The API the connector calls. */
export type ApiTarget = 'dataverse' | 'clarity';
export type JobOutcome = 'processed' | 'failed' | 'retried' | 'dead_lettered';

export interface ProxyMetrics {
  readonly registry: Registry;
  readonly queueDepth: Gauge<'state'>;
  readonly jobs: Counter<'kind' | 'outcome'>;
  readonly jobLatency: Histogram<'kind'>;
  readonly apiCalls: Counter<'target'>;
  readonly apiThrottled: Counter<'target'>;
  readonly webhooksReceived: Counter<'source'>;
  readonly webhooksRejected: Counter<'source' | 'reason'>;
  readonly webhooksSkipped: Counter<'source' | 'reason'>;
  /** Where the queue-depth gauge reads its numbers at scrape time (buildProxyApp wires the store). */
  trackQueue(jobs: Pick<JobStore, 'counts'>): void;
}

export interface MetricsOptions {
  /** Node process metrics (CPU, heap, event loop) too; off by default in tests. */
  processMetrics?: boolean;
  prefix?: string;
}

export function createMetrics(options: MetricsOptions = {}): ProxyMetrics {
  const registry = new Registry();
  const p = options.prefix ?? 'connector_';
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: p });
  let queue: Pick<JobStore, 'counts'> | undefined;

  const queueDepth = new Gauge({
    name: `${p}queue_jobs`,
    help: 'Jobs in the queue by state, read from the store at scrape time.',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      if (!queue) return;
      // A failing store must not break the whole scrape: the gauge keeps its last values, /readyz says why.
      const counts = await queue.counts().catch(() => undefined);
      if (!counts) return;
      for (const [state, n] of Object.entries(counts) as Array<[JobState, number]>) this.set({ state }, n);
    },
  });
  const common = { registers: [registry] };
  return {
    registry,
    queueDepth,
    jobs: new Counter({ name: `${p}jobs_total`, help: 'Job attempts by kind and outcome (processed, failed, retried, dead_lettered).', labelNames: ['kind', 'outcome'] as const, ...common }),
    jobLatency: new Histogram({
      name: `${p}job_end_to_end_seconds`,
      help: 'Time from the source event being created to its job finishing.',
      labelNames: ['kind'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600],
      ...common,
    }),
    apiCalls: new Counter({ name: `${p}api_calls_total`, help: 'HTTP calls made to each target API.', labelNames: ['target'] as const, ...common }),
    apiThrottled: new Counter({ name: `${p}api_throttled_total`, help: '429 (throttled) answers from each target API.', labelNames: ['target'] as const, ...common }),
    webhooksReceived: new Counter({ name: `${p}webhooks_received_total`, help: 'Webhook deliveries received, by source.', labelNames: ['source'] as const, ...common }),
    webhooksRejected: new Counter({ name: `${p}webhooks_rejected_total`, help: 'Webhook deliveries rejected, by source and reason.', labelNames: ['source', 'reason'] as const, ...common }),
    webhooksSkipped: new Counter({ name: `${p}webhooks_skipped_total`, help: 'Webhook deliveries accepted without a job (own write, unknown type), by source and reason.', labelNames: ['source', 'reason'] as const, ...common }),
    trackQueue(jobs) {
      queue = jobs;
    },
  };
}

/** A job attempt finished with `outcome`; `processed` also observes the end-to-end latency when known. */
export function recordJobOutcome(m: ProxyMetrics, kind: string, outcome: JobOutcome, eventCreatedAt?: Date, now: Date = new Date()): void {
  m.jobs.inc({ kind, outcome });
  if (outcome === 'processed' && eventCreatedAt && !Number.isNaN(eventCreatedAt.getTime())) {
    m.jobLatency.observe({ kind }, Math.max(0, (now.getTime() - eventCreatedAt.getTime()) / 1000));
  }
}

/** One HTTP call to a target API; a 429 also counts as throttled. */
export function recordApiCall(m: ProxyMetrics, target: ApiTarget, status?: number): void {
  m.apiCalls.inc({ target });
  if (status === 429) m.apiThrottled.inc({ target });
}

/** Adds calls/429s a client counted itself (e.g. from its `stats()` delta since the last report). */
export function addApiCalls(m: ProxyMetrics, target: ApiTarget, calls: number, throttled = 0): void {
  if (calls > 0) m.apiCalls.inc({ target }, calls);
  if (throttled > 0) m.apiThrottled.inc({ target }, throttled);
}

export function recordWebhookReceived(m: ProxyMetrics, source: WebhookSource): void {
  m.webhooksReceived.inc({ source });
}

/** reason: `bad_signature`, `stale_timestamp`, `missing_headers`, `bad_key`, `malformed`, `too_large`, `store_unavailable`, … (a small fixed set: labels are never free text). */
export function recordWebhookRejected(m: ProxyMetrics, source: WebhookSource, reason: string): void {
  m.webhooksRejected.inc({ source, reason });
}

/** reason: `own_write`, `unknown_type`, `unsupported_table`. */
export function recordWebhookSkipped(m: ProxyMetrics, source: WebhookSource, reason: string): void {
  m.webhooksSkipped.inc({ source, reason });
}
