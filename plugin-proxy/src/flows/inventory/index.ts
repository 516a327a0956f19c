/**
 * Inventory: Clarity `inventory.changed` → the Dataverse product's `quantityonhand` (see mappers.ts for why the
 * sum of `available`), and with INVENTORY_DIRECTION=both a quantity a CRM user sets → Clarity
 * (pushInventoryToClarity, a `dataverse.product` job from the product Update webhook step).
 */
import type { InventoryLevel } from '../../clients/clarity';
import type { InventoryDirection } from '../../config';
import type { DataverseEvent } from '../../intake/remote-context';
import { alternateKey } from '../../clients/dataverse';
import { ConnectorError } from '../../errors';
import type { Handler, HandlerResult } from '../../queue/worker';
import { syncProduct } from '../catalog/sync';
import type { FlowDeps } from '../deps';
import { JOB_KINDS } from '../keys';
import { isStale, onHandFor, seen, snapshotFrom, totalAvailable, type InventorySnapshot } from './mappers';

export { isStale, onHandFor, totalAvailable } from './mappers';

/** Link entity for the inventory a product mirrors: clarityId = SKU, snapshot = levels applied per location. */
export const INVENTORY_LINK = 'inventory';

interface InventoryEnvelope {
  id?: string;
  type?: string;
  data?: { object?: Partial<InventoryLevel> & { truncated?: boolean; id?: string } };
}

const isNotFound = (e: unknown) => e instanceof ConnectorError && e.code === 'CONNECTOR_ERR_NOT_FOUND';

/** Writes quantityonhand by SKU; a product Dataverse does not have yet is first synced from Clarity. */
async function writeQuantity(deps: FlowDeps, sku: string, quantity: number): Promise<string | undefined> {
  const write = async () => {
    const res = await deps.dataverse.update('products', alternateKey({ productnumber: sku }), { quantityonhand: quantity }, { ifMatch: '*', returnRepresentation: true });
    return String(res.row?.productid ?? res.id).toLowerCase();
  };
  try {
    return await write();
  } catch (e) {
    if (!isNotFound(e)) throw e;
    const product = await deps.clarity.getProduct(sku);
    if (!product) return undefined;
    await syncProduct(deps, product, 'inventory for a product not in Dynamics yet');
    return write();
  }
}

/** Applies one location's level from an event (idempotent; stale or repeated events skip). */
export async function applyInventoryLevel(deps: FlowDeps, level: Partial<InventoryLevel> & { sku: string }, reason: string): Promise<HandlerResult> {
  const { sku } = level;
  const link = await deps.store.links.byClarity(INVENTORY_LINK, sku);
  const snapshot = (link?.snapshot as InventorySnapshot | null | undefined) ?? undefined;
  const complete = typeof level.locationId === 'string' && typeof level.available === 'number' && typeof level.updatedAt === 'string';
  if (snapshot && complete && isStale(snapshot.levels[level.locationId as string], level as InventoryLevel))
    return { skipped: true, note: `stale: ${level.locationId} already applied at version ${snapshot.levels[level.locationId as string]?.version ?? snapshot.levels[level.locationId as string]?.updatedAt} (${reason})` };

  let levels: InventorySnapshot['levels'];
  if (snapshot && complete) {
    levels = { ...snapshot.levels, [level.locationId as string]: seen(level as InventoryLevel) };
  } else {
    // First event for this SKU (or a partial one): the event has one location, the sum needs all of them.
    const inventory = await deps.clarity.getInventory(sku);
    if (!inventory) return { skipped: true, note: `product ${sku} no longer exists in Clarity (${reason})` };
    levels = snapshotFrom(inventory.levels);
  }
  const quantity = totalAvailable(levels);
  if (link && snapshot?.quantityonhand === quantity) {
    await deps.store.links.save({ ...link, snapshot: { levels, quantityonhand: quantity } satisfies InventorySnapshot });
    return { skipped: true, note: `unchanged: quantity on hand stays ${quantity} (${reason})` };
  }
  const productId = await writeQuantity(deps, sku, quantity);
  if (!productId) return { skipped: true, note: `product ${sku} no longer exists in Clarity (${reason})` };
  await deps.store.links.save({
    entity: INVENTORY_LINK,
    clarityId: sku,
    dataverseTable: 'product',
    dataverseId: productId,
    hashToDataverse: String(quantity),
    hashToClarity: link?.hashToClarity ?? null,
    snapshot: { levels, quantityonhand: quantity } satisfies InventorySnapshot,
    clarityVersion: null,
    dataverseVersion: null,
  });
  return { note: `product ${sku} quantity on hand ${snapshot?.quantityonhand ?? '?'} → ${quantity} (${reason})` };
}

/**
 * Dataverse → Clarity (INVENTORY_DIRECTION=both): makes Clarity's total available equal the product's
 * quantityonhand as it is now by an absolute set at one location — `locationId` (INVENTORY_LOCATION_ID), else the
 * SKU's only location. No ping-pong: our own quantity writes never come back from Dataverse (the intake drops
 * events the connector's user initiated), and the `inventory.changed` echo of this PUT carries the level version
 * the link now holds, so it is skipped as stale.
 */
export async function pushInventoryToClarity(deps: FlowDeps, productId: string, options: { locationId?: string } = {}): Promise<HandlerResult> {
  const row = await deps.dataverse.retrieve<{ productnumber?: string; quantityonhand?: number | null }>('products', productId, ['productnumber', 'quantityonhand']);
  if (!row?.productnumber) return { skipped: true, note: `product ${productId} not found in Dynamics` };
  if (row.quantityonhand === null || row.quantityonhand === undefined) return { skipped: true, note: `product ${row.productnumber} has no quantity on hand` };
  const sku = row.productnumber;
  const wanted = Number(row.quantityonhand);
  const inventory = await deps.clarity.getInventory(sku);
  if (!inventory) return { skipped: true, note: `SKU ${sku} is not a Clarity product` };
  const locationId = options.locationId ?? (inventory.levels.length === 1 ? inventory.levels[0]?.locationId : undefined);
  if (!locationId)
    throw new ConnectorError('CONNECTOR_ERR_VALIDATION', `SKU ${sku} is stocked at ${inventory.levels.length} locations: configure which one Dynamics quantities adjust`, { classification: 'validation' });
  const onHand = onHandFor(inventory.levels, locationId, wanted);
  if (onHand === undefined) return { skipped: true, note: `unchanged: Clarity already has ${wanted} available for ${sku}` };
  if (onHand < 0)
    throw new ConnectorError('CONNECTOR_ERR_VALIDATION', `SKU ${sku}: ${wanted} available would need onHand ${onHand} at ${locationId} (more is allocated to orders)`, { classification: 'validation' });
  const level = await deps.clarity.putInventory(sku, { locationId, onHand });
  const levels = { ...snapshotFrom(inventory.levels), [level.locationId]: seen(level) };
  const link = await deps.store.links.byClarity(INVENTORY_LINK, sku);
  await deps.store.links.save({
    entity: INVENTORY_LINK,
    clarityId: sku,
    dataverseTable: 'product',
    dataverseId: productId.toLowerCase(),
    hashToDataverse: link?.hashToDataverse ?? null,
    hashToClarity: String(wanted),
    snapshot: { levels, quantityonhand: totalAvailable(levels) } satisfies InventorySnapshot,
    clarityVersion: null,
    dataverseVersion: null,
  });
  return { note: `Clarity ${sku} onHand at ${locationId} set to ${onHand} (${wanted} available)` };
}

export interface InventoryOptions {
  /** INVENTORY_DIRECTION; `clarity-to-dataverse` skips a product job left from an earlier configuration. */
  direction?: InventoryDirection;
  /** INVENTORY_LOCATION_ID. */
  locationId?: string;
}

export function inventoryHandlers(deps: FlowDeps, options: InventoryOptions = {}): Record<string, Handler> {
  return {
    [JOB_KINDS.dataverseProduct]: async (job) => {
      const event = job.payload as DataverseEvent;
      if (options.direction !== 'both') return { skipped: true, note: `INVENTORY_DIRECTION is ${options.direction ?? 'clarity-to-dataverse'}: product ${event.id} not sent to Clarity` };
      if (event.message === 'Delete') return { skipped: true, note: `product ${event.id} deleted in Dynamics: Clarity inventory kept` };
      return pushInventoryToClarity(deps, event.id, options.locationId ? { locationId: options.locationId } : {});
    },
    [JOB_KINDS.clarityInventory]: async (job) => {
      const event = job.payload as InventoryEnvelope;
      const object = event.data?.object ?? {};
      const sku = typeof object.sku === 'string' ? object.sku : job.recordKey.replace(/^sku:/, '');
      return applyInventoryLevel(deps, { ...object, sku }, `${event.type ?? 'inventory.changed'} ${event.id ?? ''}`.trim());
    },
  };
}
