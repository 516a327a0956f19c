/**
 * The initial load (design.md "Backfill / reconcile"): a whole Clarity store into Dynamics in dependency order —
 * customers (companies → accounts, then contacts), products with their prices, orders with their lines — in
 * bulk (UpsertMultiple, `$batch` change sets) and paced by the Dataverse client under the service protection
 * limits. After every batch the entity's position is saved as a checkpoint, so an interrupted load resumes
 * where it stopped; every write is keyed by an alternate key, so a resumed batch never duplicates.
 */
import type { Customer, Order, Product } from '../clients/clarity';
import { applyProducts } from '../flows/catalog';
import type { ClarityProduct } from '../flows/catalog/mappers';
import type { FlowDeps } from '../flows/deps';
import { isBehind, readPosition, savePosition, type LoadPosition } from './checkpoint';
import { loadCustomerBatch, type BatchOutcome } from './customers';
import { allSkus, loadOrderBatch } from './orders';
import { ProgressMeter, type LoadEntity, type LoadProgress } from './progress';

export const LOAD_ORDER: readonly LoadEntity[] = ['customers', 'products', 'orders'];

export interface InitialLoadOptions {
  entities?: LoadEntity[];
  /** Records per batch between checkpoints; default 500 customers, 100 products, 500 orders. */
  batchSize?: number;
  onProgress?: (p: LoadProgress) => void;
  /** Stops after the batch in flight (its checkpoint saved); the returned summary says `aborted`. */
  signal?: AbortSignal;
  /** Expected record counts, for percentages and ETA (Clarity lists carry no totals, clarity-api.md §4.8). */
  totals?: Partial<Record<LoadEntity, number>>;
}

export interface InitialLoadSummary {
  aborted: boolean;
  entities: Partial<Record<LoadEntity, LoadProgress>>;
  failed: { entity: LoadEntity; id: string; error: string }[];
}

interface Source<T> {
  list: (updatedAtMin?: string) => AsyncIterable<T>;
  key: (r: T) => { id: string; updatedAt: string };
  write: (batch: T[]) => Promise<BatchOutcome>;
  size: number;
}

const PAGE = 250;

async function sources(deps: FlowDeps, batchSize: number | undefined): Promise<Record<LoadEntity, () => Promise<Source<unknown>>>> {
  return {
    customers: async () => ({
      list: (updatedAtMin) => deps.clarity.listCustomers({ limit: PAGE, sort: 'updatedAt', ...(updatedAtMin ? { updatedAtMin } : {}) }),
      key: (c) => ({ id: (c as Customer).customerId, updatedAt: (c as Customer).updatedAt }),
      write: (batch) => loadCustomerBatch(deps, batch as Customer[]),
      size: batchSize ?? 500,
    }),
    products: async () => ({
      list: (updatedAtMin) => deps.clarity.listProducts({ limit: PAGE, sort: 'updatedAt', ...(updatedAtMin ? { updatedAtMin } : {}) }),
      key: (p) => ({ id: (p as Product).sku, updatedAt: (p as Product).updatedAt }),
      write: async (batch) => {
        const r = await applyProducts(deps, batch as ClarityProduct[]);
        return { written: r.created + r.updated, unchanged: r.unchanged + r.stale, failed: [] };
      },
      size: batchSize ?? 100,
    }),
    orders: async () => {
      const skus = await allSkus(deps);
      return {
        list: (updatedAtMin) => deps.clarity.listOrders({ limit: PAGE, sort: 'updatedAt', ...(updatedAtMin ? { updatedAtMin } : {}) }),
        key: (o) => ({ id: (o as Order).orderId, updatedAt: (o as Order).updatedAt }),
        write: (batch) => loadOrderBatch(deps, batch as Order[], skus),
        // Each order is a change set; the client sends 25 per $batch, two in flight (coalesce.ts): 500 keep that
        // pipeline full between checkpoints.
        size: batchSize ?? 500,
      };
    },
  };
}

async function loadEntity(deps: FlowDeps, entity: LoadEntity, source: Source<unknown>, o: InitialLoadOptions, summary: InitialLoadSummary): Promise<boolean> {
  let position: LoadPosition | undefined = await readPosition(deps.store, entity);
  if (position?.complete) {
    // Loaded before: list again from the high-water mark, so records changed since are picked up.
    position = { ...position, complete: false };
  }
  const meter = new ProgressMeter(entity, position?.done ?? 0, o.totals?.[entity]);
  summary.entities[entity] = { ...meter.p };
  let batch: unknown[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const r = await source.write(batch);
    const last = source.key(batch[batch.length - 1]);
    const done = (position?.done ?? 0) + batch.length;
    position = { updatedAt: last.updatedAt, id: last.id, done };
    await savePosition(deps.store, entity, position);
    for (const f of r.failed) summary.failed.push({ entity, ...f });
    summary.entities[entity] = meter.add({ written: r.written, unchanged: r.unchanged, failed: r.failed.length });
    o.onProgress?.(summary.entities[entity] as LoadProgress);
    batch = [];
  };
  for await (const record of source.list(position?.updatedAt)) {
    const { id, updatedAt } = source.key(record);
    if (isBehind(position, updatedAt, id)) continue;
    batch.push(record);
    if (batch.length >= source.size) {
      await flush();
      if (o.signal?.aborted) return false;
    }
  }
  await flush();
  if (position) await savePosition(deps.store, entity, { ...position, complete: true });
  return true;
}

export async function runInitialLoad(deps: FlowDeps, options: InitialLoadOptions = {}): Promise<InitialLoadSummary> {
  const wanted = new Set(options.entities ?? LOAD_ORDER);
  const summary: InitialLoadSummary = { aborted: false, entities: {}, failed: [] };
  const all = await sources(deps, options.batchSize);
  for (const entity of LOAD_ORDER) {
    if (!wanted.has(entity)) continue;
    if (options.signal?.aborted || !(await loadEntity(deps, entity, await all[entity](), options, summary))) {
      summary.aborted = true;
      break;
    }
  }
  return summary;
}
