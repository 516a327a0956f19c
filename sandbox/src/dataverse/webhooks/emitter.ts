/**
 * The webhook emitter: a PipelineExtension that plays the registered webhook steps of each write
 * (specs/dataverse-webapi.md §6). Sync steps (mode 0) run in `postOperationSync` and fail the write on error;
 * async steps (mode 1, PostOperation only) become System Jobs delivered in the background, in commit order per
 * endpoint, never blocking the write.
 */
import { randomUUID } from 'node:crypto';
import { DataverseError } from '../errors';
import type { PipelineExtension, WriteEvent } from '../pipeline/types';
import type { DataverseStore, LookupValue } from '../store/types';
import { deliver, describeOutcome, type RetryPolicy, type WebhookRequest } from './delivery';
import { transition, type SystemJob } from './jobs';
import { findSteps, type MatchedStep } from './registrations';
import { buildWebhookRequest, type RequestSettings } from './request';

export interface WebhookEmitterOptions {
  readonly store: DataverseStore;
  readonly organization: { readonly id: string; readonly name: string; readonly domain: string };
  readonly businessUnitId: string;
  readonly fetch?: typeof fetch;
  /** Base delay between retries (default 1000 ms). */
  readonly retryDelayMs?: number;
  /** Per attempt; the real service waits 60 s (§6.3). */
  readonly timeoutMs?: number;
  /** Clock for System Job timestamps. */
  readonly now?: () => Date;
  /** The real service only allows ports 80 and 443 (§6.1); the sandbox sets true so receivers can use port 0. */
  readonly allowAnyPort?: boolean;
  /** Extra attempts for async network errors/timeouts (default 3) [proposal]. */
  readonly asyncNetworkRetries?: number;
}

export interface WebhookEmitter extends PipelineExtension {
  postOperationSync(event: WriteEvent): Promise<void>;
  committed(event: WriteEvent): void;
  /** Resolves when no async delivery is queued or running (tests). */
  drain(): Promise<void>;
  /** Stops deliveries: queued jobs end Canceled, in-flight requests are aborted. */
  close(): void;
  /** Async jobs that ended with statuscode 31 Failed (copies). */
  failedJobs(): SystemJob[];
  /** Every async job still kept (successful jobs of `asyncautodelete` steps are removed, as in the real service). */
  jobs(): SystemJob[];
}

/** 0x80040265 as the signed int32 the asyncoperation `errorcode` column holds. */
const ISV_ABORTED = -2147220891;

/**
 * A failing sync step fails the caller's request with the plug-in error code 0x80040265 (§4.3, COMPOSE sample
 * `400-plugin-error-with-annotations`). Message wording is our [proposal]; it names the step and endpoint but
 * never the URL's query string (it may hold the key).
 */
function pluginError(step: MatchedStep, reason: string): DataverseError {
  const where = step.endpoint.url.replace(/[?#].*$/, '');
  return new DataverseError(
    400,
    '0x80040265',
    `Webhook step '${step.name ?? step.id}' failed sending to service endpoint '${step.endpoint.name}' (${where}): ${reason}.`,
  );
}

export function createWebhookEmitter(options: WebhookEmitterOptions): WebhookEmitter {
  const { store } = options;
  const fetchFn = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const delayMs = options.retryDelayMs ?? 1000;
  const now = options.now ?? (() => new Date());
  const closer = new AbortController();
  const syncPolicy: RetryPolicy = { gatewayRetries: 1, networkRetries: 0, delayMs };
  const asyncPolicy: RetryPolicy = { gatewayRetries: 1, networkRetries: options.asyncNetworkRetries ?? 3, delayMs };

  const settings: RequestSettings = {
    organization: options.organization,
    businessUnitId: options.businessUnitId,
    allowAnyPort: options.allowAnyPort ?? false,
    names: (ref: LookupValue) => {
      const meta = store.metadata.table(ref.logicalName);
      const name = meta ? store.get(ref.logicalName, ref.id)?.[meta.primaryName] : undefined;
      return typeof name === 'string' ? name : null;
    },
  };

  const jobs = new Map<string, SystemJob>();
  const tails = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();
  const stamp = () => now().toISOString().replace(/\.\d{3}Z$/, 'Z');

  function newJob(step: MatchedStep, event: WriteEvent): SystemJob {
    const job: SystemJob = {
      asyncoperationid: randomUUID(),
      name: step.name ?? step.id,
      operationtype: 1,
      statecode: 0,
      statuscode: 0,
      messagename: event.message,
      primaryentitytype: event.table.logicalName,
      owningextensionid: { id: step.id, logicalName: 'sdkmessageprocessingstep' },
      regardingobjectid: { id: event.id, logicalName: event.table.logicalName },
      correlationid: event.context.correlationId,
      operationid: event.operationId,
      depth: event.context.depth,
      createdon: stamp(),
      startedon: null,
      completedon: null,
      retrycount: 0,
      message: null,
      friendlymessage: null,
      errorcode: null,
    };
    jobs.set(job.asyncoperationid, job);
    return job;
  }

  function fail(job: SystemJob, step: MatchedStep, reason: string): void {
    transition(job, 31, stamp());
    job.message = pluginError(step, reason).message;
    job.friendlymessage = job.message;
    job.errorcode = ISV_ABORTED;
  }

  async function run(job: SystemJob, step: MatchedStep, request: WebhookRequest): Promise<void> {
    if (closer.signal.aborted) return transition(job, 32, stamp());
    transition(job, 20, stamp());
    const result = await deliver(fetchFn, request, { timeoutMs, policy: asyncPolicy, closed: closer.signal });
    job.retrycount = result.attempts - 1;
    if (result.ok) {
      transition(job, 30, stamp());
      if (step.asyncAutoDelete) jobs.delete(job.asyncoperationid);
    } else if (result.outcome.kind === 'closed') transition(job, 32, stamp());
    else fail(job, step, describeOutcome(result.outcome, timeoutMs));
  }

  /** Chains the job behind earlier ones for the same endpoint: commit order per endpoint. */
  function enqueue(endpointId: string, work: () => Promise<void>): void {
    const previous = tails.get(endpointId) ?? Promise.resolve();
    const next = previous.then(work).catch(() => undefined);
    tails.set(endpointId, next);
    running.add(next);
    void next.then(() => {
      running.delete(next);
      if (tails.get(endpointId) === next) tails.delete(endpointId);
    });
  }

  return {
    async postOperationSync(event) {
      for (const step of findSteps(store, event)) {
        if (step.mode !== 0) continue;
        const built = buildWebhookRequest(step, event, settings);
        if (!built.ok) throw pluginError(step, built.reason);
        const result = await deliver(fetchFn, built.request, { timeoutMs, policy: syncPolicy, closed: closer.signal });
        if (!result.ok) throw pluginError(step, describeOutcome(result.outcome, timeoutMs));
      }
    },

    committed(event) {
      if (closer.signal.aborted) return;
      try {
        for (const step of findSteps(store, event)) {
          // Async registration is only valid for PostOperation (the platform rejects it on stages 10/20).
          if (step.mode !== 1 || step.stage !== 40) continue;
          const job = newJob(step, event);
          // Built now, at commit: names and images reflect the committed state, not a later one.
          const built = buildWebhookRequest(step, event, settings);
          if (!built.ok) {
            fail(job, step, built.reason);
            continue;
          }
          enqueue(step.endpoint.id, () => run(job, step, built.request));
        }
      } catch (err) {
        // `committed` must not throw (pipeline contract); a broken registration row must not fail a committed write.
        console.error('webhook emitter: could not queue async steps', err);
      }
    },

    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },

    close() {
      closer.abort();
    },

    failedJobs: () => [...jobs.values()].filter((j) => j.statuscode === 31).map((j) => ({ ...j })),
    jobs: () => [...jobs.values()].map((j) => ({ ...j })),
  };
}
