import pino from 'pino';
import type { ClarityClient, InventoryLevel, ProductInventory } from '../../clients/clarity';
import type { DataverseClient } from '../../clients/dataverse';
import type { Link, Store } from '../../store/types';
import type { FlowDeps } from '../deps';
import { pushInventoryToClarity } from './index';

function fakes(quantityonhand: number | null, levels: InventoryLevel[]) {
  const links = new Map<string, Link>();
  const puts: { sku: string; locationId?: string; onHand: number }[] = [];
  const deps = {
    dataverse: { retrieve: async () => ({ productnumber: 'WID-100-BLU', quantityonhand }) } as unknown as DataverseClient,
    clarity: {
      getInventory: async (sku: string): Promise<ProductInventory> => ({ sku, levels }),
      putInventory: async (sku: string, body: { locationId?: string; onHand: number }): Promise<InventoryLevel> => {
        puts.push({ sku, ...body });
        const old = levels.find((l) => l.locationId === body.locationId) as InventoryLevel;
        return { ...old, onHand: body.onHand, available: body.onHand - old.allocated, version: old.version + 1 };
      },
    } as unknown as ClarityClient,
    store: {
      links: {
        byClarity: async (entity: string, id: string) => links.get(`${entity}:${id}`),
        save: async (l: Omit<Link, 'updatedAt'>) => {
          const saved = { ...l, updatedAt: new Date() };
          links.set(`${l.entity}:${l.clarityId}`, saved);
          return saved;
        },
      },
    } as unknown as Store,
    logger: pino({ level: 'silent' }),
    now: () => new Date(),
  } as unknown as FlowDeps;
  return { deps, puts, links };
}

const level = (locationId: string, onHand: number, allocated: number): InventoryLevel => ({
  sku: 'WID-100-BLU', locationId, onHand, allocated, available: onHand - allocated, version: 5, updatedAt: '2025-01-15T14:30:00Z',
});

describe('pushInventoryToClarity', () => {
  it('PUTs the onHand at the only location that makes Clarity available equal the Dynamics quantity', async () => {
    const { deps, puts, links } = fakes(40, [level('loc_austin', 50, 4)]);
    const r = await pushInventoryToClarity(deps, 'PROD-1');
    expect(r.skipped).toBeFalsy();
    expect(puts).toEqual([{ sku: 'WID-100-BLU', locationId: 'loc_austin', onHand: 44 }]);
    // The link remembers the level Clarity answered, so the inventory.changed echo is recognised as applied.
    expect(links.get('inventory:WID-100-BLU')?.snapshot).toEqual({
      levels: { loc_austin: { version: 6, updatedAt: '2025-01-15T14:30:00Z', onHand: 44, available: 40 } },
      quantityonhand: 40,
    });
  });

  it('writes nothing when Clarity already has that quantity available', async () => {
    const { deps, puts } = fakes(46, [level('loc_austin', 50, 4)]);
    expect(await pushInventoryToClarity(deps, 'PROD-1')).toMatchObject({ skipped: true });
    expect(puts).toEqual([]);
  });

  it('with several locations, needs the configured one', async () => {
    const levels = [level('loc_austin', 50, 4), level('loc_reno', 10, 0)];
    await expect(pushInventoryToClarity(fakes(80, levels).deps, 'PROD-1')).rejects.toMatchObject({ code: 'CONNECTOR_ERR_VALIDATION' });
    const { deps, puts } = fakes(80, levels);
    await pushInventoryToClarity(deps, 'PROD-1', { locationId: 'loc_reno' });
    expect(puts).toEqual([{ sku: 'WID-100-BLU', locationId: 'loc_reno', onHand: 34 }]);
  });

  it('refuses a quantity that would need a negative onHand at the configured location', async () => {
    const { deps, puts } = fakes(1, [level('loc_austin', 10, 0), level('loc_reno', 2, 0)]);
    await expect(pushInventoryToClarity(deps, 'PROD-1', { locationId: 'loc_reno' })).rejects.toMatchObject({ code: 'CONNECTOR_ERR_VALIDATION' });
    expect(puts).toEqual([]);
  });

  it('skips a product without a quantity', async () => {
    const { deps, puts } = fakes(null, [level('loc_austin', 10, 0)]);
    expect(await pushInventoryToClarity(deps, 'PROD-1')).toMatchObject({ skipped: true });
    expect(puts).toEqual([]);
  });
});
