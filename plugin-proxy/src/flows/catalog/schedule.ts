/**
 * The scheduled full catalog sync (design.md: products and pricing are triggered by Clarity changes and "a
 * scheduled full sync"). Every CATALOG_SYNC_INTERVAL_MINUTES each proxy instance enqueues one `catalog.sync` job
 * for the current time slot. Single-flight across instances comes from the store: the idempotency key names the
 * slot, so every instance's enqueue after the first is a duplicate, and the one record key makes a sync that
 * overruns its slot and the next one run one after the other, never together (the job lease, store/types.ts).
 */
import type { Logger } from 'pino';
import type { JobStore } from '../../store/types';
import { JOB_KINDS } from '../keys';

/** The record key every full sync shares. */
export const CATALOG_SYNC_KEY = 'catalog:full';
/** Where the last full sync's summary is kept (checkpoints), for operators. */
export const CATALOG_SYNC_CHECKPOINT = 'catalog-sync:last';

/** Enqueues the full sync of the slot `at` falls in; `duplicate` when an instance already did. */
export function enqueueCatalogSync(jobs: Pick<JobStore, 'enqueue'>, intervalMs: number, at: Date): Promise<{ id: string; duplicate: boolean }> {
  const slot = Math.floor(at.getTime() / intervalMs);
  const start = new Date(slot * intervalMs).toISOString();
  return jobs.enqueue({ kind: JOB_KINDS.catalogSync, recordKey: CATALOG_SYNC_KEY, idempotencyKey: `catalog-sync:${intervalMs}:${slot}`, source: 'schedule', payload: { slot: start } });
}

export interface CatalogSchedule {
  /** Enqueues the slot of `at` (now by default): what the timer does. */
  tick(at?: Date): Promise<void>;
  stop(): void;
}

/** Ticks at start and then at least once a minute (or once per interval when shorter), so each slot gets its job. */
export function startCatalogSchedule(o: { jobs: Pick<JobStore, 'enqueue'>; intervalMinutes: number; logger: Logger; now?: () => Date }): CatalogSchedule {
  const intervalMs = o.intervalMinutes * 60_000;
  const now = o.now ?? (() => new Date());
  const tick = async (at = now()) => {
    try {
      const { id, duplicate } = await enqueueCatalogSync(o.jobs, intervalMs, at);
      if (!duplicate) o.logger.info({ jobId: id, kind: JOB_KINDS.catalogSync }, 'scheduled full catalog sync enqueued');
    } catch (err) {
      // The next tick tries again; nothing was acknowledged to anyone.
      o.logger.warn({ err }, 'could not enqueue the scheduled catalog sync');
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), Math.min(intervalMs, 60_000));
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
