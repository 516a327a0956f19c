/** The harness the store contract runs on: a manual clock, fresh storage per test, job builders. */
import type { NewJob, Store } from './types';

/** One test's storage (a SQLite file, a PostgreSQL schema) on which several stores ("instances") can open. */
export interface ContractBackend {
  /** Opens and migrates another store on this storage, reading time from `now`. */
  open(now: () => Date): Promise<Store>;
  /** Removes the storage; every store opened on it is closed first. */
  dispose(): Promise<void>;
}

export type BackendFactory = () => Promise<ContractBackend>;

export interface ManualClock {
  now: () => Date;
  advance(ms: number): void;
}

export function manualClock(start = Date.parse('2025-03-01T12:00:00.000Z')): ManualClock {
  let t = start;
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

export interface ContractContext {
  clock: ManualClock;
  /** The test's first store. */
  store: Store;
  /** Another instance on the same storage (closed automatically after the test). */
  open(): Promise<Store>;
}

/** Registers beforeEach/afterEach giving every test fresh storage; returns an accessor for the context. */
export function useContract(factory: BackendFactory): () => ContractContext {
  let ctx: ContractContext | undefined;
  let backend: ContractBackend | undefined;
  let opened: Store[] = [];
  beforeEach(async () => {
    backend = await factory();
    const b = backend;
    const clock = manualClock();
    const open = async () => {
      const s = await b.open(clock.now);
      opened.push(s);
      return s;
    };
    ctx = { clock, store: await open(), open };
  });
  afterEach(async () => {
    await Promise.allSettled(opened.map((s) => s.close()));
    opened = [];
    await backend?.dispose();
    ctx = undefined;
  });
  return () => {
    if (!ctx) throw new Error('store contract context used outside a test');
    return ctx;
  };
}

let seq = 0;
/** A job with unique idempotency key; override anything. */
export function newJob(overrides: Partial<NewJob> = {}): NewJob {
  seq += 1;
  return {
    kind: 'clarity.customer',
    recordKey: 'customer:1',
    idempotencyKey: `evt-${process.pid}-${seq}`,
    source: 'clarity',
    payload: { seq },
    ...overrides,
  };
}


/** Lets other pending promises run (another claimer's turn) without sleeping on a timer. */
export const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
