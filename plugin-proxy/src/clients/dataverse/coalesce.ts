/**
 * Change sets from concurrent callers, sent together. Each `submit` is one change set (one transaction, §3);
 * change sets submitted while earlier batches are in flight, or within `lingerMs` of the first, go out as one
 * `$batch` with continue-on-error, so a failing change set rolls back only itself and the others still commit.
 * A batch counts as one request against the service protection count (§3/§4.4): this is what lets many
 * independent jobs (one order each) share a few requests. Under load batches grow: callers gather while
 * `maxInFlight` batches are out, and while the client's pacer says the request budget is spent; alone, a
 * change set waits `lingerMs`.
 */
import { ConnectorError } from '../../errors';
import { WakeTimer } from '../shared/wake-timer';
import type { BatchItem, BatchOperation, BatchResult } from './batch';

export interface CoalesceOptions {
  /** Change sets per `$batch` at most; default 25 (Microsoft advises small batches and parallel requests, §3). */
  maxChangeSets?: number;
  /** Operations per `$batch` at most (the service's cap is 1000, §3); default 1000. */
  maxOperations?: number;
  /** How long a change set waits for company when nothing is in flight; default 5 ms. */
  lingerMs?: number;
  /** Batches of coalesced change sets in flight at once; default 2. */
  maxInFlight?: number;
  /**
   * Milliseconds until the client's pacer would start a request (0: at once). While it would wait (the request
   * budget is spent, §4.4), change sets keep gathering instead of leaving in a small batch that would only queue.
   */
  readyIn?: () => number;
}

/** How often a group waiting for the pacer looks again, at most. */
const RECHECK_MS = 50;

interface Pending {
  ops: readonly BatchOperation[];
  resolve: (results: BatchResult[]) => void;
  reject: (error: unknown) => void;
}

const REFERENCE = /^\$(\d+)(?=\/|$)/;

/** Content-IDs must not repeat within the batch: each change set's own ids (and `$n` references) are renumbered. */
function renumber(ops: readonly BatchOperation[], next: () => string): { ops: BatchOperation[]; local: Map<string, string> } {
  const globalOf = new Map<string, string>();
  const local = new Map<string, string>();
  ops.forEach((op, i) => {
    const id = op.contentId ?? String(i + 1);
    const g = next();
    globalOf.set(id, g);
    local.set(g, id);
  });
  const ref = (value: string) => value.replace(REFERENCE, (m, id: string) => (globalOf.has(id) ? `$${globalOf.get(id)}` : m));
  const body = (b: unknown): unknown => {
    if (!b || typeof b !== 'object' || Array.isArray(b)) return b;
    // `"x@odata.bind": "$1"` (top-level values only, which is where Dataverse accepts references).
    return Object.fromEntries(Object.entries(b as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? ref(v) : v]));
  };
  return {
    ops: ops.map((op, i) => ({ ...op, url: ref(op.url), ...(op.body !== undefined ? { body: body(op.body) } : {}), contentId: globalOf.get(op.contentId ?? String(i + 1)) })),
    local,
  };
}

export class ChangeSetCoalescer {
  private readonly maxChangeSets: number;
  private readonly maxOperations: number;
  private readonly lingerMs: number;
  private readonly maxInFlight: number;
  private readonly readyIn: () => number;
  private open: Pending[] = [];
  private openOps = 0;
  private openedAt = 0;
  private readonly ready: Pending[][] = [];
  private inFlight = 0;
  private readonly wake = new WakeTimer(() => this.pump());
  private readonly counters = { batches: 0, changeSets: 0 };
  private closed = false;

  constructor(
    private readonly send: (items: BatchItem[]) => Promise<BatchResult[]>,
    options: CoalesceOptions = {},
  ) {
    this.maxChangeSets = Math.max(1, options.maxChangeSets ?? 25);
    this.maxOperations = Math.min(1000, Math.max(1, options.maxOperations ?? 1000));
    this.lingerMs = Math.max(0, options.lingerMs ?? 5);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 2);
    this.readyIn = options.readyIn ?? (() => 0);
  }

  /**
   * Resolves with this change set's results (Content-IDs as given): every operation's answer, or only the failing
   * one (with `error`) when the change set was rolled back. Rejects when the whole `$batch` failed (429, 5xx,
   * network): then nothing of it was applied, and the caller retries as for any request.
   */
  submit(ops: readonly BatchOperation[]): Promise<BatchResult[]> {
    if (ops.length === 0) return Promise.resolve([]);
    if (this.closed) return Promise.reject(new ConnectorError('CONNECTOR_ERR_TRANSIENT', 'The Dataverse client is closed', { classification: 'transient' }));
    if (ops.some((op) => op.method === 'GET')) {
      return Promise.reject(new ConnectorError('CONNECTOR_ERR_INTERNAL', 'GET is not allowed inside a $batch change set', { classification: 'internal' }));
    }
    if (ops.length > this.maxOperations) {
      return Promise.reject(new ConnectorError('CONNECTOR_ERR_INTERNAL', `A change set of ${ops.length} operations exceeds the ${this.maxOperations} a $batch may hold`, { classification: 'internal' }));
    }
    return new Promise((resolve, reject) => {
      if (this.openOps + ops.length > this.maxOperations) this.closeOpen();
      if (this.open.length === 0) this.openedAt = Date.now();
      this.open.push({ ops, resolve, reject });
      this.openOps += ops.length;
      if (this.open.length >= this.maxChangeSets) this.closeOpen();
      this.pump();
    });
  }

  /** Stops the timer; change sets not sent yet fail as transient (their jobs run again later). */
  close(): void {
    this.closed = true;
    this.wake.cancel();
    this.closeOpen();
    const waiting = this.ready.splice(0).flat();
    for (const p of waiting) p.reject(new ConnectorError('CONNECTOR_ERR_TRANSIENT', 'The Dataverse client closed before this change set was sent', { classification: 'transient' }));
  }

  stats(): { batches: number; changeSets: number; waiting: number; inFlight: number } {
    return { ...this.counters, waiting: this.open.length + this.ready.reduce((n, b) => n + b.length, 0), inFlight: this.inFlight };
  }

  /** Moves the open group to the ready queue. */
  private closeOpen(): void {
    if (this.open.length === 0) return;
    this.ready.push(this.open);
    this.open = [];
    this.openOps = 0;
  }

  /**
   * Full groups go as soon as a batch may be in flight; the open one once it has lingered and the pacer would
   * send it at once — until then it keeps filling.
   */
  private pump(): void {
    while (this.inFlight < this.maxInFlight) {
      const group = this.ready.shift();
      if (group) {
        this.dispatch(group);
        continue;
      }
      if (this.open.length === 0) return;
      const wait = Math.max(this.openedAt + this.lingerMs - Date.now(), this.readyIn());
      if (wait <= 0) {
        this.closeOpen();
        continue;
      }
      this.wake.wakeAt(Date.now() + Math.min(wait, RECHECK_MS));
      return;
    }
  }

  private dispatch(group: Pending[]): void {
    this.inFlight++;
    this.counters.batches++;
    this.counters.changeSets += group.length;
    let n = 0;
    const next = () => String(++n);
    const plans = group.map((p) => ({ p, ...renumber(p.ops, next) }));
    const owners = new Map<string, (typeof plans)[number]>();
    for (const plan of plans) for (const g of plan.local.keys()) owners.set(g, plan);
    this.send(plans.map((plan) => ({ changeSet: plan.ops })))
      .then((results) => {
        const answers = new Map<(typeof plans)[number], BatchResult[]>();
        for (const r of results) {
          const owner = r.contentId !== undefined ? owners.get(r.contentId) : undefined;
          if (!owner) continue;
          const list = answers.get(owner) ?? [];
          list.push({ ...r, contentId: owner.local.get(r.contentId as string) });
          answers.set(owner, list);
        }
        for (const plan of plans) {
          const mine = answers.get(plan);
          if (mine) plan.p.resolve(mine);
          else plan.p.reject(new ConnectorError('CONNECTOR_ERR_TRANSIENT', 'The $batch response has no answer for this change set', { classification: 'transient' }));
        }
      })
      .catch((error: unknown) => {
        for (const plan of plans) plan.p.reject(error);
      })
      .finally(() => {
        this.inFlight--;
        this.pump();
      });
  }
}
