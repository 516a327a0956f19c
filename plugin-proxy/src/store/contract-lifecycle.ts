/** Contract: leases and their owners, finishing, the dead-letter operations, listing and counts. */
import { ConnectorError } from '../errors';
import { newJob, type BackendFactory, useContract } from './contract-support';
import type { JobError } from './types';

const validation: JobError = { code: 'CONNECTOR_ERR_VALIDATION', message: 'emailaddress1 is invalid', classification: 'validation', upstreamStatus: 400, upstreamCode: '0x80040203' };

async function rejection(p: Promise<unknown>): Promise<ConnectorError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ConnectorError);
  return err as ConnectorError;
}

export function lifecycleContract(factory: BackendFactory): void {
  const ctx = useContract(factory);

  describe('leases', () => {
    it('only the lease owner can heartbeat, complete or fail, and only once', async () => {
      const { store } = ctx();
      const { id } = await store.jobs.enqueue(newJob());
      await store.jobs.claim('owner', 1, 1000);
      expect(await store.jobs.heartbeat(id, 'intruder', 1000)).toBe(false);
      expect(await store.jobs.complete(id, 'intruder')).toBe(false);
      expect(await store.jobs.fail(id, 'intruder', validation, null)).toBe(false);
      expect((await store.jobs.get(id))?.state).toBe('running');
      expect(await store.jobs.complete(id, 'owner', { note: 'contact updated' })).toBe(true);
      expect(await store.jobs.get(id)).toMatchObject({ state: 'done', outcome: 'contact updated', leaseOwner: null, leaseUntil: null });
      expect(await store.jobs.complete(id, 'owner')).toBe(false);
      expect(await store.jobs.heartbeat(id, 'owner', 1000)).toBe(false);
      expect(await store.jobs.heartbeat('not-an-id', 'owner', 1000)).toBe(false);
    });

    it('a heartbeat extends the lease from now', async () => {
      const { store, clock } = ctx();
      const { id } = await store.jobs.enqueue(newJob());
      await store.jobs.claim('a', 1, 1000);
      clock.advance(900);
      expect(await store.jobs.heartbeat(id, 'a', 1000)).toBe(true);
      expect((await store.jobs.get(id))?.leaseUntil).toEqual(new Date(clock.now().getTime() + 1000));
      clock.advance(600); // past the first lease, inside the extended one
      expect(await store.jobs.claim('b', 1, 1000)).toEqual([]);
    });

    it('an expired lease is taken over (attempts + 1) and the old owner can no longer write', async () => {
      const { store, clock } = ctx();
      const { id } = await store.jobs.enqueue(newJob({ recordKey: 'k' }));
      const behind = await store.jobs.enqueue(newJob({ recordKey: 'k' }));
      await store.jobs.claim('crashed', 5, 1000);
      clock.advance(1000);
      expect(await store.jobs.claim('b', 5, 1000)).toEqual([]); // lease_until is not yet in the past
      clock.advance(1);
      const taken = await store.jobs.claim('b', 5, 1000);
      expect(taken.map((j) => [j.id, j.leaseOwner, j.attempts])).toEqual([[id, 'b', 2]]);
      expect(await store.jobs.complete(id, 'crashed')).toBe(false);
      expect(await store.jobs.heartbeat(id, 'crashed', 1000)).toBe(false);
      expect(await store.jobs.fail(id, 'crashed', validation, null)).toBe(false);
      expect(await store.jobs.complete(id, 'b', { skipped: true, note: 'unchanged' })).toBe(true);
      expect(await store.jobs.get(id)).toMatchObject({ state: 'skipped', outcome: 'unchanged' });
      expect((await store.jobs.claim('b', 5, 1000)).map((j) => j.id)).toEqual([behind.id]);
    });
  });

  describe('dead letters', () => {
    async function deadJob() {
      const { store } = ctx();
      const { id } = await store.jobs.enqueue(newJob({ recordKey: 'dl', payload: { email: 'broken' } }));
      await store.jobs.claim('w', 1, 1000);
      expect(await store.jobs.fail(id, 'w', validation, null)).toBe(true);
      return id;
    }

    it('fail without retryAt dead-letters the job with its error', async () => {
      const id = await deadJob();
      expect(await ctx().store.jobs.get(id)).toMatchObject({ state: 'dead', lastError: validation, leaseOwner: null, attempts: 1 });
    });

    it('edits the payload of a dead job and it stays dead', async () => {
      const id = await deadJob();
      const edited = await ctx().store.jobs.editPayload(id, { email: 'fixed@example.com' });
      expect(edited).toMatchObject({ id, state: 'dead', payload: { email: 'fixed@example.com' } });
      expect((await ctx().store.jobs.get(id))?.payload).toEqual({ email: 'fixed@example.com' });
    });

    it('redrives a dead job with a fresh attempt budget, runnable now', async () => {
      const { store, clock } = ctx();
      const id = await deadJob();
      clock.advance(60_000);
      const redriven = await store.jobs.retryDead(id);
      expect(redriven).toMatchObject({ id, state: 'queued', attempts: 0, leaseOwner: null });
      expect(redriven.runAfter).toEqual(clock.now());
      expect((await store.jobs.claim('w', 1, 1000)).map((j) => [j.id, j.attempts])).toEqual([[id, 1]]);
    });

    it('a redriven job waits while a later job of its key holds a live lease', async () => {
      const { store, clock } = ctx();
      const id = await deadJob();
      const later = await store.jobs.enqueue(newJob({ recordKey: 'dl' }));
      expect((await store.jobs.claim('w', 1, 1000))[0]?.id).toBe(later.id);
      await store.jobs.retryDead(id);
      expect(await store.jobs.claim('w2', 5, 1000)).toEqual([]);
      await store.jobs.complete(later.id, 'w');
      clock.advance(1);
      expect((await store.jobs.claim('w2', 5, 1000)).map((j) => j.id)).toEqual([id]);
    });

    it('discards a dead job for good', async () => {
      const id = await deadJob();
      expect(await ctx().store.jobs.discard(id)).toMatchObject({ id, state: 'discarded' });
      expect((await rejection(ctx().store.jobs.retryDead(id))).code).toBe('CONNECTOR_ERR_CONFLICT');
    });

    it('refuses admin operations on jobs that are not dead (CONFLICT) or do not exist (NOT_FOUND)', async () => {
      const { store } = ctx();
      const { id } = await store.jobs.enqueue(newJob());
      for (const op of [() => store.jobs.editPayload(id, {}), () => store.jobs.retryDead(id), () => store.jobs.discard(id)]) {
        expect((await rejection(op())).code).toBe('CONNECTOR_ERR_CONFLICT');
      }
      expect((await store.jobs.get(id))?.state).toBe('queued');
      for (const missing of ['987654321', 'nope']) {
        expect((await rejection(store.jobs.retryDead(missing))).code).toBe('CONNECTOR_ERR_NOT_FOUND');
        expect((await rejection(store.jobs.editPayload(missing, {}))).code).toBe('CONNECTOR_ERR_NOT_FOUND');
        expect((await rejection(store.jobs.discard(missing))).code).toBe('CONNECTOR_ERR_NOT_FOUND');
      }
    });
  });

  describe('list and counts', () => {
    it('filters by state, kind and record key, and pages by id', async () => {
      const { store } = ctx();
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        ids.push((await store.jobs.enqueue(newJob({ kind: i % 2 ? 'dataverse.contact' : 'clarity.order', recordKey: `r${i % 3}` }))).id);
      }
      await store.jobs.claim('w', 1, 1000); // ids[0] running
      expect((await store.jobs.list()).map((j) => j.id)).toEqual(ids);
      expect((await store.jobs.list({ state: 'running' })).map((j) => j.id)).toEqual([ids[0]]);
      expect((await store.jobs.list({ kind: 'dataverse.contact' })).map((j) => j.id)).toEqual([ids[1], ids[3], ids[5]]);
      expect((await store.jobs.list({ recordKey: 'r1', state: 'queued' })).map((j) => j.id)).toEqual([ids[1], ids[4]]);

      const pages: string[][] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.jobs.list({ limit: 3, after });
        if (page.length === 0) break;
        pages.push(page.map((j) => j.id));
        after = page[page.length - 1]?.id;
      }
      expect(pages).toEqual([ids.slice(0, 3), ids.slice(3, 6), ids.slice(6)]);
      expect((await rejection(store.jobs.list({ after: 'garbage' }))).code).toBe('CONNECTOR_ERR_MALFORMED');
    });

    it('counts every state, zeros included', async () => {
      const { store } = ctx();
      expect(await store.jobs.counts()).toEqual({ queued: 0, running: 0, retry: 0, done: 0, skipped: 0, dead: 0, discarded: 0 });
      await store.jobs.enqueue(newJob({ recordKey: 'x' }));
      await store.jobs.enqueue(newJob({ recordKey: 'y' }));
      await store.jobs.enqueue(newJob({ recordKey: 'y' }));
      const [x] = await store.jobs.claim('w', 1, 1000);
      await store.jobs.complete(x!.id, 'w');
      await store.jobs.claim('w', 1, 1000);
      expect(await store.jobs.counts()).toEqual({ queued: 1, running: 1, retry: 0, done: 1, skipped: 0, dead: 0, discarded: 0 });
    });
  });
}
