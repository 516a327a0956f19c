/** Contract: enqueue, idempotency and what claim may hand out. */
import { newJob, type BackendFactory, useContract } from './contract-support';

export function claimContract(factory: BackendFactory): void {
  const ctx = useContract(factory);

  describe('enqueue', () => {
    it('stores the job with ascending string ids and round-trips every field', async () => {
      const { store, clock } = ctx();
      const payload = { customer: { id: 42, tags: ['a', 'b'], nested: { ok: true, n: null } }, text: 'é ✓' };
      const first = await store.jobs.enqueue(newJob({ payload, recordKey: 'customer:42', kind: 'clarity.customer' }));
      const second = await store.jobs.enqueue(newJob());
      expect(first.duplicate).toBe(false);
      expect(typeof first.id).toBe('string');
      expect(BigInt(second.id)).toBeGreaterThan(BigInt(first.id));

      const job = await store.jobs.get(first.id);
      expect(job).toMatchObject({
        id: first.id, kind: 'clarity.customer', recordKey: 'customer:42', source: 'clarity', payload, state: 'queued',
        attempts: 0, leaseOwner: null, leaseUntil: null, lastError: null, outcome: null,
      });
      expect(job?.runAfter).toEqual(clock.now());
      expect(job?.createdAt).toBeInstanceOf(Date);
      expect(job?.updatedAt.getTime()).toBe(clock.now().getTime());
    });

    it('round-trips scalar and array payloads', async () => {
      const { store } = ctx();
      for (const payload of ['just text', 12.5, [1, 'two', { three: 3 }], null, true]) {
        const { id } = await store.jobs.enqueue(newJob({ payload }));
        expect((await store.jobs.get(id))?.payload).toEqual(payload);
      }
    });

    it('reports an existing idempotency key as a duplicate and changes nothing', async () => {
      const { store, clock } = ctx();
      const original = newJob({ payload: { v: 1 } });
      const first = await store.jobs.enqueue(original);
      clock.advance(5000);
      const again = await store.jobs.enqueue({ ...original, payload: { v: 2 }, recordKey: 'other' });
      expect(again).toEqual({ id: first.id, duplicate: true });
      const job = await store.jobs.get(first.id);
      expect(job?.payload).toEqual({ v: 1 });
      expect(job?.recordKey).toBe(original.recordKey);
      expect((await store.jobs.counts()).queued).toBe(1);
    });

    it('unknown and malformed ids are simply absent', async () => {
      const { store } = ctx();
      expect(await store.jobs.get('999999')).toBeUndefined();
      expect(await store.jobs.get('not-an-id')).toBeUndefined();
    });
  });

  describe('claim', () => {
    it('leases at most `limit` jobs, the oldest of each record key, in id order', async () => {
      const { store, clock } = ctx();
      const a1 = await store.jobs.enqueue(newJob({ recordKey: 'a' }));
      const b1 = await store.jobs.enqueue(newJob({ recordKey: 'b' }));
      await store.jobs.enqueue(newJob({ recordKey: 'a' }));
      const c1 = await store.jobs.enqueue(newJob({ recordKey: 'c' }));

      const two = await store.jobs.claim('w1', 2, 30_000);
      expect(two.map((j) => j.id)).toEqual([a1.id, b1.id]);
      for (const j of two) {
        expect(j).toMatchObject({ state: 'running', leaseOwner: 'w1', attempts: 1 });
        expect(j.leaseUntil).toEqual(new Date(clock.now().getTime() + 30_000));
      }
      // a's second job waits behind a1 (still running); c1 is the only head left.
      expect((await store.jobs.claim('w2', 10, 30_000)).map((j) => j.id)).toEqual([c1.id]);
      expect(await store.jobs.claim('w3', 10, 30_000)).toEqual([]);
    });

    it('hands out the next job of a key only once the previous one has finished', async () => {
      const { store } = ctx();
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await store.jobs.enqueue(newJob({ recordKey: 'k' }))).id);
      for (const id of ids) {
        const [job] = await store.jobs.claim('w', 5, 1000);
        expect(job?.id).toBe(id);
        expect(await store.jobs.claim('w', 5, 1000)).toEqual([]);
        expect(await store.jobs.complete(id, 'w')).toBe(true);
      }
    });

    it('waits for runAfter, and a job waiting to retry holds back the rest of its key', async () => {
      const { store, clock } = ctx();
      const later = await store.jobs.enqueue(newJob({ recordKey: 'late', runAfter: new Date(clock.now().getTime() + 60_000) }));
      const k1 = await store.jobs.enqueue(newJob({ recordKey: 'k' }));
      const k2 = await store.jobs.enqueue(newJob({ recordKey: 'k' }));
      expect((await store.jobs.claim('w', 10, 1000)).map((j) => j.id)).toEqual([k1.id]);
      const error = { code: 'CONNECTOR_ERR_TRANSIENT' as const, message: '503 from Dataverse', classification: 'transient' as const, upstreamStatus: 503 };
      expect(await store.jobs.fail(k1.id, 'w', error, new Date(clock.now().getTime() + 10_000))).toBe(true);
      expect(await store.jobs.get(k1.id)).toMatchObject({ state: 'retry', lastError: error, leaseOwner: null });
      expect(await store.jobs.claim('w', 10, 1000)).toEqual([]);

      clock.advance(10_000);
      const retried = await store.jobs.claim('w', 10, 1000);
      expect(retried.map((j) => [j.id, j.attempts])).toEqual([[k1.id, 2]]);
      await store.jobs.complete(k1.id, 'w');
      clock.advance(50_000);
      expect((await store.jobs.claim('w', 10, 1000)).map((j) => j.id)).toEqual([later.id, k2.id]);
    });

    it('finished jobs (done, skipped, dead, discarded) do not block later jobs of their key', async () => {
      const { store } = ctx();
      const err = { code: 'CONNECTOR_ERR_VALIDATION' as const, message: 'bad' };
      const finishers: [string, (id: string) => Promise<unknown>][] = [
        ['done', (id) => store.jobs.complete(id, 'w')],
        ['skipped', (id) => store.jobs.complete(id, 'w', { skipped: true, note: 'own write' })],
        ['dead', (id) => store.jobs.fail(id, 'w', err, null)],
        [
          'discarded',
          async (id) => {
            await store.jobs.fail(id, 'w', err, null);
            await store.jobs.discard(id);
          },
        ],
      ];
      for (const [state, finish] of finishers) {
        const first = await store.jobs.enqueue(newJob({ recordKey: `key-${state}` }));
        const next = await store.jobs.enqueue(newJob({ recordKey: `key-${state}` }));
        expect((await store.jobs.claim('w', 1, 1000))[0]?.id).toBe(first.id);
        await finish(first.id);
        expect((await store.jobs.get(first.id))?.state).toBe(state);
        expect((await store.jobs.claim('w', 1, 1000))[0]?.id).toBe(next.id);
        await store.jobs.complete(next.id, 'w');
      }
    });

    it('claims nothing for a limit below one', async () => {
      const { store } = ctx();
      await store.jobs.enqueue(newJob());
      expect(await store.jobs.claim('w', 0, 1000)).toEqual([]);
    });
  });
}
