/**
 * The proxy's durable state behind one interface, with a SQLite implementation (default, embedded) and a
 * PostgreSQL one (DATABASE_URL; several proxy instances share it). One contract test suite runs against both.
 */
import type { ErrorClass, ErrorCode } from '../errors';

/** Job states; allowed transitions live in job-states.ts (a table a test walks). */
export type JobState = 'queued' | 'running' | 'retry' | 'done' | 'dead' | 'discarded' | 'skipped';

export type JobSource = 'clarity' | 'dataverse' | 'admin' | 'reconcile' | 'resync' | 'schedule';

export interface NewJob {
  /** Handler name, e.g. `clarity.customer`, `dataverse.contact`. */
  kind: string;
  /** Per-record ordering key: jobs with the same key run one at a time, in enqueue order. */
  recordKey: string;
  /** Unique; enqueueing an existing key is a no-op that reports `duplicate: true` (webhook retries). */
  idempotencyKey: string;
  source: JobSource;
  /** JSON-serialisable event data. */
  payload: unknown;
  /** Earliest time to run (default now). */
  runAfter?: Date;
}

export interface JobError {
  code: ErrorCode;
  message: string;
  classification?: ErrorClass;
  upstreamStatus?: number;
  upstreamCode?: string;
  /** Carried from failure to failure: 429 retries do not use up the attempt budget (retry/policy.ts). */
  throttledAttempts?: number;
  throttledWaitMs?: number;
}

export interface Job {
  id: string;
  kind: string;
  recordKey: string;
  idempotencyKey: string;
  source: JobSource;
  payload: unknown;
  state: JobState;
  /** Attempts started so far (a claim increments it). */
  attempts: number;
  runAfter: Date;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  lastError: JobError | null;
  /** Why a job was skipped or how it finished, e.g. `own write`, `unchanged`. */
  outcome: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface JobFilter {
  state?: JobState;
  kind?: string;
  recordKey?: string;
  limit?: number;
  /** Opaque cursor from the previous page (ids are ascending). */
  after?: string;
}

export interface JobStore {
  /** Durably stores the job before resolving (the intake answers 2xx only after this). */
  enqueue(job: NewJob): Promise<{ id: string; duplicate: boolean }>;
  /**
   * Leases up to `limit` runnable jobs for `owner`: state queued/retry with runAfter <= now, or running with an
   * expired lease (a crashed worker's job), and only the oldest unfinished job of each record key.
   */
  claim(owner: string, limit: number, leaseMs: number): Promise<Job[]>;
  /** Extends the lease of a job this owner holds; false when the lease was lost. */
  heartbeat(id: string, owner: string, leaseMs: number): Promise<boolean>;
  /** running → done (or skipped with a reason). False when this owner no longer holds the lease. */
  complete(id: string, owner: string, outcome?: { skipped?: boolean; note?: string }): Promise<boolean>;
  /** running → retry at `retryAt`, or → dead when `retryAt` is null. */
  fail(id: string, owner: string, error: JobError, retryAt: Date | null): Promise<boolean>;

  get(id: string): Promise<Job | undefined>;
  list(filter?: JobFilter): Promise<Job[]>;
  counts(): Promise<Record<JobState, number>>;
  /** Dead-letter operations (admin API). */
  editPayload(id: string, payload: unknown): Promise<Job>;
  retryDead(id: string): Promise<Job>;
  discard(id: string): Promise<Job>;
}

/** Which record on each side a link joins, and what was last written each way. */
export interface Link {
  /** `customer`, `company`, `order`, `product`, `return`. */
  entity: string;
  clarityId: string;
  dataverseTable: string;
  dataverseId: string;
  /** Hash of the mapped Dataverse-side values last written to (or confirmed in) Dataverse. */
  hashToDataverse: string | null;
  /** Hash of the mapped Clarity-side values last written to (or confirmed in) Clarity. */
  hashToClarity: string | null;
  /** Field values (canonical, per mapping) as of the last sync: the base of three-way merges. */
  snapshot: Record<string, unknown> | null;
  clarityVersion: number | null;
  dataverseVersion: string | null;
  updatedAt: Date;
}

export interface LinkStore {
  byClarity(entity: string, clarityId: string): Promise<Link | undefined>;
  byDataverse(entity: string, dataverseId: string): Promise<Link | undefined>;
  /** Inserts or replaces by (entity, clarityId); (entity, dataverseId) is unique too. */
  save(link: Omit<Link, 'updatedAt'>): Promise<Link>;
  remove(entity: string, clarityId: string): Promise<void>;
}

export interface ConflictRecord {
  entity: string;
  clarityId: string;
  dataverseId: string;
  field: string;
  clarityValue: unknown;
  dataverseValue: unknown;
  /** Which side won and why: `clarity (source of truth)`, `dataverse (newer)`, … */
  resolution: string;
  at: Date;
}

export interface ConflictStore {
  record(conflict: ConflictRecord): Promise<void>;
  recent(limit?: number): Promise<ConflictRecord[]>;
}

/** Named resume points of long-running work (initial load cursors, reconcile high-water marks, delta links). */
export interface CheckpointStore {
  /** The value last set under `name` (JSON round-tripped), or undefined. */
  get(name: string): Promise<unknown | undefined>;
  /** Replaces the value; `undefined` is stored as null. */
  set(name: string, value: unknown): Promise<void>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly jobs: JobStore;
  readonly links: LinkStore;
  readonly conflicts: ConflictStore;
  readonly checkpoints: CheckpointStore;
  /** Creates or upgrades the schema; safe to run on every start and from several instances. */
  migrate(): Promise<void>;
  /** Cheap liveness check for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
