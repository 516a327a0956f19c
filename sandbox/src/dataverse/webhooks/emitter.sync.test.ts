import { DataverseError } from '../errors';
import { createWebhookEmitter, type WebhookEmitter } from './emitter';
import { BUSINESS_UNIT, CONTACT_ROW, event, newStore, ORG, register, updateEvent, USER_ID } from './test-support/fixtures';
import type { MemoryStore } from './test-support/memory-store';
import { startReceiver, type Receiver } from './test-support/receiver';

let receiver: Receiver;
let store: MemoryStore;
let emitter: WebhookEmitter;

beforeEach(async () => {
  receiver = await startReceiver();
  store = newStore();
  emitter = createWebhookEmitter({ store, organization: ORG, businessUnitId: BUSINESS_UNIT, allowAnyPort: true, retryDelayMs: 5, timeoutMs: 2000 });
});
afterEach(async () => {
  emitter.close();
  await receiver.close();
});

describe('sync webhook steps (mode 0) in postOperationSync', () => {
  it('POSTs the context with the documented headers and awaits the answer', async () => {
    register(store, { url: `${receiver.url}/hook`, mode: 0 });
    const ev = updateEvent(store);
    await emitter.postOperationSync(ev);
    expect(receiver.requests).toHaveLength(1);
    const [req] = receiver.requests;
    expect(req!.method).toBe('POST');
    expect(req!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-ms-dynamics-organization': ORG.domain,
      'x-ms-dynamics-entity-name': 'contact',
      'x-ms-dynamics-request-name': 'Update',
      'x-ms-correlation-request-id': ev.context.correlationId,
    });
    expect(req!.headers['x-ms-dynamics-msg-size-exceeded']).toBeUndefined();
    expect(req!.body).toMatchObject({ Mode: 0, Stage: 40, IsInTransaction: true, UserId: ev.context.userId, InitiatingUserId: USER_ID });
    expect(req!.raw).toContain('\\/Date(');
  });

  it('a non-2xx answer fails the write: DataverseError 400 0x80040265, and the transaction rolls back', async () => {
    register(store, { url: `${receiver.url}/hook?code=ignored`, mode: 0, authvalue: 'k-secret' });
    receiver.respond(() => ({ status: 500 }));
    store.insert('contact', { ...CONTACT_ROW });
    const write = store.transaction(async () => {
      store.replace('contact', CONTACT_ROW.contactid as string, { ...CONTACT_ROW, firstname: 'Changed' });
      await emitter.postOperationSync(updateEvent(store, { firstname: 'Changed' }));
    });
    const error = (await write.catch((e: unknown) => e)) as DataverseError;
    expect(error).toBeInstanceOf(DataverseError);
    expect([error.status, error.code]).toEqual([400, '0x80040265']);
    expect(error.message).toMatch(/service endpoint 'hook-.*\(500\)/);
    expect(error.message).not.toContain('k-secret');
    expect(receiver.requests).toHaveLength(1); // 500 is not retried
    expect(store.get('contact', CONTACT_ROW.contactid as string)?.firstname).toBe('James');
  });

  it('503 gets exactly one more attempt (§6.3): success on the second', async () => {
    register(store, { url: `${receiver.url}/hook`, mode: 0 });
    receiver.respond((_, i) => ({ status: i === 0 ? 503 : 204 }));
    await emitter.postOperationSync(updateEvent(store));
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[1]!.raw).toBe(receiver.requests[0]!.raw); // a retry repeats the body
  });

  it('504 twice fails after two attempts', async () => {
    register(store, { url: `${receiver.url}/hook`, mode: 0 });
    receiver.respond(() => ({ status: 504 }));
    await expect(emitter.postOperationSync(updateEvent(store))).rejects.toMatchObject({ code: '0x80040265' });
    expect(receiver.requests).toHaveLength(2);
  });

  it('a timeout fails the write', async () => {
    emitter = createWebhookEmitter({ store, organization: ORG, businessUnitId: BUSINESS_UNIT, allowAnyPort: true, timeoutMs: 100 });
    register(store, { url: `${receiver.url}/slow`, mode: 0 });
    receiver.respond(() => ({ status: 200, delayMs: 1000 }));
    await expect(emitter.postOperationSync(updateEvent(store))).rejects.toThrow(/timed out after 100 ms/);
  });

  it('steps run in rank order; disabled steps and non-webhook endpoints never fire', async () => {
    register(store, { url: `${receiver.url}/rank3`, mode: 0, rank: 3 });
    register(store, { url: `${receiver.url}/rank1`, mode: 0, rank: 1 });
    register(store, { url: `${receiver.url}/rank2`, mode: 0, rank: 2 });
    register(store, { url: `${receiver.url}/disabled`, mode: 0, statecode: 1 });
    register(store, { url: `${receiver.url}/servicebus`, mode: 0, contract: 5 });
    register(store, { url: `${receiver.url}/account`, mode: 0, table: 'account' });
    register(store, { url: `${receiver.url}/create`, mode: 0, message: 'Create' });
    await emitter.postOperationSync(updateEvent(store));
    expect(receiver.requests.map((r) => r.path)).toEqual(['/rank1', '/rank2', '/rank3']);
  });

  it('honours filteringattributes on Update only', async () => {
    register(store, { url: `${receiver.url}/names`, mode: 0, filteringattributes: 'firstname, lastname' });
    register(store, { url: `${receiver.url}/email`, mode: 0, filteringattributes: 'emailaddress1' });
    register(store, { url: `${receiver.url}/create`, mode: 0, message: 'Create', filteringattributes: 'emailaddress1' });
    await emitter.postOperationSync(updateEvent(store, { lastname: 'Smith' }));
    expect(receiver.requests.map((r) => r.path)).toEqual(['/names']);
    await emitter.postOperationSync(event(store, 'Create', { ...CONTACT_ROW }, undefined, CONTACT_ROW));
    expect(receiver.requests.map((r) => r.path)).toEqual(['/names', '/create']);
  });

  it('the real service only allows ports 80/443: refused when allowAnyPort is off', async () => {
    emitter = createWebhookEmitter({ store, organization: ORG, businessUnitId: BUSINESS_UNIT });
    register(store, { url: `${receiver.url}/hook`, mode: 0 });
    await expect(emitter.postOperationSync(updateEvent(store))).rejects.toThrow(/ports 80 and 443/);
    expect(receiver.requests).toHaveLength(0);
  });

  it('WebhookKey, HttpHeader and HttpQueryString authentication reach the receiver', async () => {
    register(store, { url: `${receiver.url}/key`, mode: 0, rank: 1, authtype: 4, authvalue: 'abc123' });
    register(store, { url: `${receiver.url}/header`, mode: 0, rank: 2, authtype: 5, authvalue: '<settings><setting name="X-Test1" value="test1" /><setting name="X-Test2" value="test2" /></settings>' });
    register(store, { url: `${receiver.url}/query`, mode: 0, rank: 3, authtype: 6, authvalue: '<settings><setting name="Key1" value="Value1" /><setting name="Key2" value="Value2" /></settings>' });
    await emitter.postOperationSync(updateEvent(store));
    const [key, header, query] = receiver.requests;
    expect(key!.query.get('code')).toBe('abc123');
    expect(header!.headers).toMatchObject({ 'x-test1': 'test1', 'x-test2': 'test2' });
    expect([...query!.query.entries()]).toEqual([['Key1', 'Value1'], ['Key2', 'Value2']]);
  });
});
