import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ConnectorError } from '../errors';
import { classify, DEFAULT_RETRY_POLICY, nextAttempt, type RetryPolicy } from '../retry';
import type { Job, JobError, Store } from '../store/types';

export interface HandlerResult {
  /** The job had nothing to do (echo, unchanged content, stale event): recorded as `skipped`. */
  skipped?: boolean;
  /** One line for the operations view: what was written or why nothing was. */
  note?: string;
}

export interface HandlerContext {
  logger: Logger;
}

export type Handler = (job: Job, ctx: HandlerContext) => Promise<HandlerResult | void>;

/** Observers for metrics; every callback is optional and must not throw. */
export interface WorkerEvents {
  done?(job: Job, result: HandlerResult, ms: number): void;
  retried?(job: Job, error: JobError, delayMs: number): void;
  /** Awaited before the job is dead-lettered, while it still holds its record key (e.g. marking the record out of sync). */
  dead?(job: Job, error: JobError): void | Promise<void>;
}

export interface WorkerOptions {
  store: Store;
  handlers: Readonly<Record<string, Handler>>;
  logger: Logger;
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
  policy?: RetryPolicy;
  owner?: string;
  events?: WorkerEvents;
  now?: () => Date;
}

export interface Worker {
  readonly owner: string;
  /** Claim now instead of waiting for the next poll (called after an enqueue in this process). */
  wake(): void;
  /** Stops claiming, waits for running jobs to finish. */
  stop(): Promise<void>;
  /** Resolves when nothing is running and the last claim found nothing (tests, benchmarks). */
  idle(): Promise<void>;
}

function toJobError(err: unknown): JobError {
  if (err instanceof ConnectorError) return err.toJSON();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'CONNECTOR_ERR_INTERNAL', message, classification: classify(err) };
}

/**
 * Runs jobs from the durable queue: claims leases (the store guarantees one job per record key at a time),
 * heartbeats while a handler runs, and applies the one retry policy on failure. A crash leaves leases to
 * expire, and another worker (or this one after a restart) takes the jobs over: handlers are idempotent.
 */
export function startWorker(options: WorkerOptions): Worker {
  const { store, handlers, logger } = options;
  const owner = options.owner ?? `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  const concurrency = options.concurrency ?? 8;
  const leaseMs = options.leaseMs ?? 30_000;
  const pollMs = options.pollMs ?? 250;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const now = options.now ?? (() => new Date());
  const running = new Set<Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeup: (() => void) | undefined;
  let lastClaimEmpty = false;
  let idleWaiters: (() => void)[] = [];

  const notifyIdle = () => {
    if (running.size === 0 && lastClaimEmpty) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };

  async function run(job: Job): Promise<void> {
    const log = logger.child({ jobId: job.id, kind: job.kind, recordKey: job.recordKey, attempt: job.attempts });
    const handler = handlers[job.kind];
    const started = Date.now();
    const beat = setInterval(() => void store.jobs.heartbeat(job.id, owner, leaseMs).catch(() => undefined), Math.max(50, leaseMs / 3));
    try {
      if (!handler) throw new ConnectorError('CONNECTOR_ERR_INTERNAL', `No handler for job kind '${job.kind}'`, { classification: 'validation' });
      const result = (await handler(job, { logger: log })) ?? {};
      const kept = await store.jobs.complete(job.id, owner, { skipped: result.skipped, note: result.note });
      if (!kept) log.warn('lease lost before completion; another worker owns the job now');
      else options.events?.done?.(job, result, Date.now() - started);
      log.debug({ result }, 'job done');
    } catch (err) {
      const previous = job.lastError;
      const throttledAttempts = previous?.throttledAttempts ?? 0;
      const throttledWaitMs = previous?.throttledWaitMs ?? 0;
      // `attempts` counts every claim; throttled tries are not failures of the job (retry/policy.ts).
      const decision = nextAttempt(err, Math.max(0, job.attempts - 1 - throttledAttempts), policy, Math.random, throttledWaitMs);
      const throttled = decision.retry && !decision.consumesAttempt;
      const error: JobError = {
        ...toJobError(err),
        throttledAttempts: throttledAttempts + (throttled ? 1 : 0),
        throttledWaitMs: throttledWaitMs + (throttled && decision.retry ? decision.delayMs : 0),
      };
      if (decision.retry) {
        await store.jobs.fail(job.id, owner, error, new Date(now().getTime() + decision.delayMs));
        options.events?.retried?.(job, error, decision.delayMs);
        log.warn({ err: error, delayMs: decision.delayMs }, 'job failed, will retry');
      } else {
        // The hook writes to the record (marks it out of sync), so it runs while this job still holds the key:
        // once the job is dead, the key's next job may start and must not be overwritten by this older mark.
        await options.events?.dead?.(job, error);
        await store.jobs.fail(job.id, owner, error, null);
        log.error({ err: error, reason: decision.reason }, 'job dead-lettered');
      }
    } finally {
      clearInterval(beat);
    }
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      const free = concurrency - running.size;
      let claimed: Job[] = [];
      if (free > 0) {
        try {
          claimed = await store.jobs.claim(owner, free, leaseMs);
        } catch (err) {
          logger.error({ err }, 'claim failed; the store may be unavailable');
        }
      }
      for (const job of claimed) {
        const p: Promise<void> = run(job)
          .catch((err: unknown) => logger.error({ err, jobId: job.id }, 'job bookkeeping failed'))
          .finally(() => {
            running.delete(p);
            wake();
          });
        running.add(p);
      }
      lastClaimEmpty = claimed.length === 0 && free > 0;
      notifyIdle();
      if (claimed.length > 0 && running.size < concurrency) continue;
      await new Promise<void>((resolve) => {
        wakeup = resolve;
        timer = setTimeout(resolve, pollMs);
      });
      wakeup = undefined;
    }
  }

  function wake(): void {
    if (timer) clearTimeout(timer);
    wakeup?.();
  }

  const looping = loop();
  return {
    owner,
    wake,
    async stop() {
      stopped = true;
      wake();
      await looping;
      await Promise.allSettled([...running]);
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake();
      });
    },
  };
}
