/** Contract: named checkpoints (resume points of the initial load and reconcile) survive a reopen. */
import { type BackendFactory, useContract } from './contract-support';

export function checkpointsContract(factory: BackendFactory): void {
  const ctx = useContract(factory);

  it('is undefined until set, then returns the JSON value; set replaces it', async () => {
    const { store } = ctx();
    expect(await store.checkpoints.get('load:customers')).toBeUndefined();
    const value = { cursor: 'eyJ1Ijoi', updatedAt: '2025-03-01T12:00:00.000Z', id: 'cus_1', done: 250, nested: [1, null, 'x'] };
    await store.checkpoints.set('load:customers', value);
    expect(await store.checkpoints.get('load:customers')).toEqual(value);
    await store.checkpoints.set('load:customers', { done: 500 });
    expect(await store.checkpoints.get('load:customers')).toEqual({ done: 500 });
    expect(await store.checkpoints.get('load:orders')).toBeUndefined();
  });

  it('stores scalars, and undefined as null', async () => {
    const { store } = ctx();
    await store.checkpoints.set('delta', 'https://org/api/data/v9.2/contacts?$deltatoken=1%2101');
    expect(await store.checkpoints.get('delta')).toBe('https://org/api/data/v9.2/contacts?$deltatoken=1%2101');
    await store.checkpoints.set('n', 0);
    expect(await store.checkpoints.get('n')).toBe(0);
    await store.checkpoints.set('u', undefined);
    expect(await store.checkpoints.get('u')).toBeNull();
  });

  it('is shared by instances on the same storage, and migrating again keeps it', async () => {
    const { store, open } = ctx();
    await store.checkpoints.set('reconcile:customers', { since: '2025-03-01T11:55:00.000Z' });
    const other = await open();
    await other.migrate();
    expect(await other.checkpoints.get('reconcile:customers')).toEqual({ since: '2025-03-01T11:55:00.000Z' });
  });
}
