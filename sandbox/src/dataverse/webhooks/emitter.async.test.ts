import { createServer } from 'node:net';
import { createWebhookEmitter, type WebhookEmitter, type WebhookEmitterOptions } from './emitter';
import { BUSINESS_UNIT, CONTACT_ID, CONTACT_ROW, event, loadSample, newStore, ORG, register, updateEvent } from './test-support/fixtures';
import type { MemoryStore } from './test-support/memory-store';
import { startReceiver, type Receiver } from './test-support/receiver';

type Json = Record<string, unknown>;
let receiver: Receiver;
let store: MemoryStore;
let emitter: WebhookEmitter;

function make(extra: Partial<WebhookEmitterOptions> = {}): WebhookEmitter {
  emitter?.close();
  emitter = createWebhookEmitter({ store, organization: ORG, businessUnitId: BUSINESS_UNIT, allowAnyPort: true, retryDelayMs: 5, timeoutMs: 2000, ...extra });
  return emitter;
}

beforeEach(async () => {
  receiver = await startReceiver();
  store = newStore();
  make();
});
afterEach(async () => {
  emitter.close();
  await emitter.drain();
  await receiver.close();
});

/** A port nobody listens on: bind, read the port, close. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('async webhook steps (mode 1) after commit', () => {
  it('never block the write, are skipped by postOperationSync, and arrive after drain()', async () => {
    register(store, { url: `${receiver.url}/hook`, mode: 1 });
    receiver.respond(() => ({ status: 200, delayMs: 300 }));
    const ev = updateEvent(store);
    await emitter.postOperationSync(ev);
    const started = Date.now();
    emitter.committed(ev);
    expect(Date.now() - started).toBeLessThan(50);
    await emitter.drain();
    expect(receiver.requests).toHaveLength(1);
    expect(emitter.failedJobs()).toEqual([]);
    expect(emitter.jobs().map((j) => [j.statuscode, j.statecode])).toEqual([[30, 3]]);
  });

  it('the payload has the documented sample structure', async () => {
    const sample = loadSample();
    if (!sample) return;
    register(store, { url: `${receiver.url}/hook`, mode: 1 });
    emitter.committed(updateEvent(store));
    await emitter.drain();
    const body = receiver.requests[0]!.body;
    const extras = ['InitiatingUserAgent', 'InitiatingUserAzureActiveDirectoryObjectId', 'UserAzureActiveDirectoryObjectId'];
    expect(Object.keys(body).filter((k) => !extras.includes(k))).toEqual(Object.keys(sample));
    expect(body.PostEntityImages).toEqual(sample.PostEntityImages);
    expect(body).toMatchObject({ Mode: 1, Stage: 40, IsInTransaction: false, MessageName: 'Update', PrimaryEntityId: CONTACT_ID });
  });

  it('registered pre/post images carry the listed attributes (all when empty)', async () => {
    register(store, { url: `${receiver.url}/hook`, mode: 1, images: [{ alias: 'pre', type: 0, attributes: 'emailaddress1' }, { alias: 'both', type: 2 }] });
    emitter.committed(updateEvent(store, { emailaddress1: 'new@example.com' }));
    await emitter.drain();
    const body = receiver.requests[0]!.body as { PreEntityImages: { key: string; value: Json }[]; PostEntityImages: { key: string; value: Json }[] };
    const attrs = (e: Json) => Object.fromEntries((e.Attributes as { key: string; value: unknown }[]).map((a) => [a.key, a.value]));
    // Registered images come in the store's order (undefined in the real service); the automatic one is last.
    const image = (list: { key: string; value: Json }[], key: string) => list.find((i) => i.key === key)!.value;
    expect(body.PreEntityImages.map((i) => i.key).sort()).toEqual(['both', 'pre']);
    expect(attrs(image(body.PreEntityImages, 'pre'))).toEqual({ contactid: CONTACT_ID, emailaddress1: 'james@example.com' });
    expect(Object.keys(attrs(image(body.PreEntityImages, 'both')))).toContain('lastname');
    expect(body.PostEntityImages.map((i) => i.key)).toEqual(['both', 'AsynchronousStepPrimaryName']);
    expect(attrs(image(body.PostEntityImages, 'both')).emailaddress1).toBe('new@example.com');
  });

  it('Delete sends an EntityReference Target and the pre-image', async () => {
    register(store, { url: `${receiver.url}/hook`, mode: 1, message: 'Delete', images: [{ alias: 'deleted', type: 0 }] });
    emitter.committed(event(store, 'Delete', {}, CONTACT_ROW));
    await emitter.drain();
    const req = receiver.requests[0]!;
    expect(req.headers['x-ms-dynamics-request-name']).toBe('Delete');
    expect((req.body.InputParameters as Json[])[0]).toEqual({
      key: 'Target',
      value: { __type: 'EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts', Id: CONTACT_ID, KeyAttributes: [], LogicalName: 'contact', Name: null, RowVersion: null },
    });
    expect((req.body.PreEntityImages as Json[]).map((i) => i.key)).toEqual(['deleted']);
  });

  it('503 is retried once; a failure is recorded as a System Job with statuscode 31', async () => {
    const ok = register(store, { url: `${receiver.url}/flaky`, mode: 1 });
    const bad = register(store, { url: `${receiver.url}/broken`, mode: 1 });
    let flaky = 0;
    receiver.respond((req) => ({ status: req.path === '/broken' ? 400 : flaky++ === 0 ? 503 : 200 }));
    emitter.committed(updateEvent(store));
    await emitter.drain();
    expect(receiver.requests.filter((r) => r.path === '/flaky')).toHaveLength(2);
    expect(receiver.requests.filter((r) => r.path === '/broken')).toHaveLength(1);
    const failed = emitter.failedJobs();
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ statuscode: 31, statecode: 3, owningextensionid: { id: bad.stepId }, regardingobjectid: { id: CONTACT_ID, logicalName: 'contact' }, retrycount: 0 });
    expect(failed[0]!.message).toMatch(/\(400\)/);
    expect(emitter.jobs().find((j) => j.owningextensionid.id === ok.stepId)).toMatchObject({ statuscode: 30, retrycount: 1 });
  });

  it('network errors are retried with backoff, then fail the job (never the write)', async () => {
    make({ asyncNetworkRetries: 2 });
    register(store, { url: `http://127.0.0.1:${await deadPort()}/gone`, mode: 1 });
    expect(() => emitter.committed(updateEvent(store))).not.toThrow();
    await emitter.drain();
    expect(emitter.failedJobs()).toMatchObject([{ statuscode: 31, retrycount: 2 }]);
    expect(emitter.failedJobs()[0]!.message).toMatch(/could not be reached/);
  });

  it('delivers in commit order per endpoint even when an earlier delivery is slow; asyncautodelete drops successes', async () => {
    register(store, { url: `${receiver.url}/hook`, mode: 1, asyncautodelete: true });
    receiver.respond((_, i) => ({ status: 200, delayMs: i === 0 ? 200 : 0 }));
    for (const name of ['A', 'B', 'C']) emitter.committed(updateEvent(store, { firstname: name }));
    await emitter.drain();
    const firstNames = receiver.requests.map((r) => {
      const target = (r.body.InputParameters as { value: { Attributes: { key: string; value: unknown }[] } }[])[0]!.value;
      return target.Attributes.find((a) => a.key === 'firstname')?.value;
    });
    expect(firstNames).toEqual(['A', 'B', 'C']);
    expect(emitter.jobs()).toEqual([]);
  });

  it('past 256 KB: x-ms-dynamics-msg-size-exceeded and a trimmed body', async () => {
    register(store, { url: `${receiver.url}/hook`, mode: 1 });
    emitter.committed(updateEvent(store, { description: 'x'.repeat(300 * 1024) }));
    await emitter.drain();
    const req = receiver.requests[0]!;
    expect(req.headers['x-ms-dynamics-msg-size-exceeded']).toBe('true');
    expect(Buffer.byteLength(req.raw)).toBeLessThan(256 * 1024);
    expect(req.body).toMatchObject({ InputParameters: [], ParentContext: null, PreEntityImages: [], PostEntityImages: [], PrimaryEntityId: CONTACT_ID });
  });

  it('close() cancels queued jobs instead of sending them', async () => {
    register(store, { url: `${receiver.url}/hook`, mode: 1 });
    receiver.respond(() => ({ status: 200, delayMs: 200 }));
    emitter.committed(updateEvent(store, { firstname: 'A' }));
    emitter.committed(updateEvent(store, { firstname: 'B' }));
    await receiver.waitFor(1);
    emitter.close();
    await emitter.drain();
    expect(receiver.requests).toHaveLength(1);
    expect(emitter.jobs().map((j) => j.statuscode)).toEqual([32, 32]);
  });
});
