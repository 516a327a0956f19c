/**
 * Pure parts of the inventory flow. Dataverse has one `quantityonhand` per product (no warehouses in core
 * Sales), so the connector writes the **sum of `available` over all Clarity locations**: what the store can
 * still promise (onHand minus what open orders hold), which is what a sales rep quoting from Dynamics needs.
 * A single configured location would hide stock the storefront sells from the others; `onHand` would count
 * units already promised to orders.
 */
import type { InventoryLevel } from '../../clients/clarity';

/** What the connector last applied per location, kept in the inventory link's snapshot. */
export interface LevelSeen {
  version?: number;
  updatedAt: string;
  onHand: number;
  available: number;
}

export interface InventorySnapshot {
  levels: Record<string, LevelSeen>;
  /** The quantityonhand last written to (or confirmed in) Dataverse. */
  quantityonhand: number | null;
}

export function seen(level: Pick<InventoryLevel, 'updatedAt' | 'onHand' | 'available'> & { version?: number }): LevelSeen {
  return { ...(typeof level.version === 'number' ? { version: level.version } : {}), updatedAt: level.updatedAt, onHand: level.onHand, available: level.available };
}

/**
 * An event is stale when the level already applied for its location is as new or newer: by `version` when
 * both have one (the emulator's events do), else by `updatedAt` (the contract's example event has no version).
 * Equal counts as stale: a redelivery or our own write's echo has nothing new.
 */
export function isStale(applied: LevelSeen | undefined, level: { version?: number; updatedAt: string }): boolean {
  if (!applied) return false;
  if (typeof applied.version === 'number' && typeof level.version === 'number') return level.version <= applied.version;
  const a = Date.parse(applied.updatedAt);
  const b = Date.parse(level.updatedAt);
  return Number.isFinite(a) && Number.isFinite(b) && b <= a;
}

/** Sum of available over locations; never below 0 (backorders), which Dataverse's quantityonhand refuses. */
export function totalAvailable(levels: Record<string, LevelSeen>): number {
  const sum = Object.values(levels).reduce((s, l) => s + (Number.isFinite(l.available) ? l.available : 0), 0);
  return Math.max(0, Math.round(sum * 100) / 100);
}

export function snapshotFrom(levels: readonly InventoryLevel[]): Record<string, LevelSeen> {
  return Object.fromEntries(levels.map((l) => [l.locationId, seen(l)]));
}

/**
 * Dataverse → Clarity: the onHand to PUT at `locationId` so that Clarity's total available becomes `wanted`.
 * Only that location moves; its allocations are kept. Undefined when nothing needs to change.
 */
export function onHandFor(levels: readonly InventoryLevel[], locationId: string, wanted: number): number | undefined {
  const current = totalAvailable(snapshotFrom(levels));
  if (Math.abs(current - wanted) < 0.005) return undefined;
  const level = levels.find((l) => l.locationId === locationId);
  return (level?.onHand ?? 0) + (wanted - current);
}
