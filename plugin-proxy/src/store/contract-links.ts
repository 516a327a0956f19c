/** Contract: the link table (both unique keys, upsert, JSON snapshot) and the append-only conflict log. */
import { ConnectorError } from '../errors';
import { type BackendFactory, useContract } from './contract-support';
import type { Link } from './types';

const base: Omit<Link, 'updatedAt'> = {
  entity: 'customer',
  clarityId: 'cus_1',
  dataverseTable: 'contacts',
  dataverseId: '00000000-0000-0000-0000-000000000001',
  hashToDataverse: 'h-dv-1',
  hashToClarity: null,
  snapshot: { firstname: 'Ada', loyalty: { points: 120, tier: 'gold' }, tags: ['vip'], phone: null },
  clarityVersion: 7,
  dataverseVersion: '1234567',
};

export function linksContract(factory: BackendFactory): void {
  const ctx = useContract(factory);

  describe('links', () => {
    it('saves and finds a link from either side, snapshot and dates intact', async () => {
      const { store, clock } = ctx();
      const saved = await store.links.save(base);
      expect(saved).toEqual({ ...base, updatedAt: clock.now() });
      expect(await store.links.byClarity('customer', 'cus_1')).toEqual(saved);
      expect(await store.links.byDataverse('customer', base.dataverseId)).toEqual(saved);
      expect(await store.links.byClarity('company', 'cus_1')).toBeUndefined();
      expect(await store.links.byDataverse('customer', 'nope')).toBeUndefined();
    });

    it('replaces a link by (entity, clarityId)', async () => {
      const { store, clock } = ctx();
      await store.links.save(base);
      clock.advance(1000);
      const next = { ...base, dataverseId: '00000000-0000-0000-0000-000000000002', hashToClarity: 'h-cl', snapshot: null, clarityVersion: null, dataverseVersion: null };
      expect(await store.links.save(next)).toEqual({ ...next, updatedAt: clock.now() });
      expect(await store.links.byDataverse('customer', base.dataverseId)).toBeUndefined();
      expect((await store.links.byDataverse('customer', next.dataverseId))?.clarityId).toBe('cus_1');
    });

    it('refuses to link a Dataverse record that is already linked to another Clarity id', async () => {
      const { store } = ctx();
      await store.links.save(base);
      const err = await store.links.save({ ...base, clarityId: 'cus_2' }).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectorError);
      expect((err as ConnectorError).code).toBe('CONNECTOR_ERR_CONFLICT');
      expect((err as ConnectorError).message).toContain('cus_1');
      expect(await store.links.byClarity('customer', 'cus_2')).toBeUndefined();
      // The same Dataverse id under another entity is a different record.
      await expect(store.links.save({ ...base, entity: 'company', clarityId: 'cus_2' })).resolves.toBeDefined();
    });

    it('removes a link (and removing a missing one is a no-op)', async () => {
      const { store } = ctx();
      await store.links.save(base);
      await store.links.remove('customer', 'cus_1');
      await store.links.remove('customer', 'cus_1');
      expect(await store.links.byClarity('customer', 'cus_1')).toBeUndefined();
      await expect(store.links.save({ ...base, clarityId: 'cus_3' })).resolves.toMatchObject({ clarityId: 'cus_3' });
    });
  });

  describe('conflicts', () => {
    it('appends conflicts and lists the newest first', async () => {
      const { store, clock } = ctx();
      const at = (ms: number) => new Date(clock.now().getTime() + ms);
      const record = (field: string, ms: number, clarityValue: unknown, dataverseValue: unknown) =>
        store.conflicts.record({ entity: 'customer', clarityId: 'cus_1', dataverseId: 'dv', field, clarityValue, dataverseValue, resolution: 'clarity (source of truth)', at: at(ms) });
      await record('firstname', 0, 'Ada', 'Ada L.');
      await record('loyalty', 2000, { points: 1 }, null);
      await record('phone', 1000, 42, ['x']);
      const recent = await store.conflicts.recent();
      expect(recent.map((c) => c.field)).toEqual(['loyalty', 'phone', 'firstname']);
      expect(recent[0]).toEqual({ entity: 'customer', clarityId: 'cus_1', dataverseId: 'dv', field: 'loyalty', clarityValue: { points: 1 }, dataverseValue: null, resolution: 'clarity (source of truth)', at: at(2000) });
      expect(recent[1]).toMatchObject({ clarityValue: 42, dataverseValue: ['x'] });
      expect((await store.conflicts.recent(1)).map((c) => c.field)).toEqual(['loyalty']);
    });
  });
}
