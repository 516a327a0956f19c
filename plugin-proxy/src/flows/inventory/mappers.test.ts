import type { InventoryLevel } from '../../clients/clarity';
import { isStale, onHandFor, seen, snapshotFrom, totalAvailable } from './mappers';

const level = (locationId: string, onHand: number, allocated: number, version = 1, updatedAt = '2025-01-15T14:30:00Z'): InventoryLevel => ({
  sku: 'WID-100-BLU',
  locationId,
  onHand,
  allocated,
  available: onHand - allocated,
  version,
  updatedAt,
});

describe('inventory mappers', () => {
  it('sums available over every location, never below zero', () => {
    expect(totalAvailable(snapshotFrom([level('loc_austin', 50, 4), level('loc_reno', 10, 0)]))).toBe(56);
    expect(totalAvailable(snapshotFrom([level('loc_austin', 0, 3)]))).toBe(0);
    expect(totalAvailable({})).toBe(0);
  });

  it('an event is stale when its location already has the same or a newer version', () => {
    const applied = seen(level('loc_austin', 50, 4, 31));
    expect(isStale(undefined, level('loc_austin', 1, 0, 1))).toBe(false);
    expect(isStale(applied, level('loc_austin', 48, 4, 30))).toBe(true);
    expect(isStale(applied, level('loc_austin', 50, 4, 31))).toBe(true);
    expect(isStale(applied, level('loc_austin', 52, 4, 32))).toBe(false);
  });

  it('without versions, compares updatedAt (the contract example event has none)', () => {
    const applied = { updatedAt: '2025-01-15T14:30:00Z', onHand: 50, available: 46 };
    expect(isStale(applied, { updatedAt: '2025-01-15T14:29:59Z' })).toBe(true);
    expect(isStale(applied, { updatedAt: '2025-01-15T14:30:01Z' })).toBe(false);
  });

  it('Dataverse → Clarity: moves one location so the total available equals the wanted quantity', () => {
    const levels = [level('loc_austin', 50, 4), level('loc_reno', 10, 0)];
    expect(onHandFor(levels, 'loc_reno', 100)).toBe(54);
    expect(onHandFor(levels, 'loc_austin', 50)).toBe(44);
    expect(onHandFor(levels, 'loc_austin', 56)).toBeUndefined();
    expect(onHandFor([], 'loc_austin', 7)).toBe(7);
  });
});
