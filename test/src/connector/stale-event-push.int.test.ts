import { DEFAULT_MAPPINGS_DIR } from '../../../plugin-proxy/src/config';
import { customerHandlers } from '../../../plugin-proxy/src/flows/customer';
import { loadMappings } from '../../../plugin-proxy/src/mapping';
import { startWorker } from '../../../plugin-proxy/src/queue/worker';
import { startConnectorSandbox, type ConnectorSandbox } from '../support/connector';
import { seedCustomers } from '../support/customer-burst';
import { waitFor } from '../support/processes';

/**
 * A Clarity event's merge can decide that a CRM edit goes back to Clarity; when Clarity has already moved past
 * that event the push gets 412, the job's retry finds the event applied, and the CRM edit must still arrive
 * (with the next merge), not be overwritten on both sides by Clarity's older value.
 */
describe('a CRM edit whose push to Clarity meets a newer Clarity version', () => {
  let sb: ConnectorSandbox;
  beforeAll(async () => {
    sb = await startConnectorSandbox();
  });
  afterAll(() => sb.close());
  test('Clarity change, CRM phone edit, Clarity change, then the worker runs: the CRM phone wins on both sides', async () => {
    const [id] = seedCustomers(sb, 1, 'lost') as [string];
    sb.clarity.state.customers.patch(id, { lastName: 'L1', phone: '+15550000001' });
    await sb.settle();
    const contact = (await (await sb.dv.request(`contacts(clar_clarityid='${id}')?$select=contactid`)).json()) as { contactid: string };
    // Nothing runs while the three changes queue up: a Clarity change, a CRM edit, another Clarity change.
    await sb.proxy.worker.stop();

    sb.clarity.state.customers.patch(id, { lastName: 'L2' }); // v3
    await sb.clarity.state.dispatcher.whenIdle();
    const edit = await sb.dv.request(`contacts(${contact.contactid})`, { method: 'PATCH', clientId: 'sandbox-crm-user', headers: { 'if-match': '*' }, body: JSON.stringify({ telephone1: '+15559999999' }) });
    expect(edit.status).toBe(204);
    await sb.dv.emulator.webhooks.drain();
    sb.clarity.state.customers.patch(id, { lastName: 'L3' }); // v4
    await sb.clarity.state.dispatcher.whenIdle();

    const deps = { store: sb.proxy.store, dataverse: sb.proxy.dataverse, clarity: sb.proxy.clarity, mappings: loadMappings(DEFAULT_MAPPINGS_DIR), now: () => new Date(), logger: sb.proxy.logger };
    const worker = startWorker({ store: sb.proxy.store, handlers: customerHandlers(deps), logger: sb.proxy.logger, pollMs: 50, leaseMs: 5000 });
    try {
      await waitFor(
        async () => {
          const c = await sb.proxy.store.jobs.counts();
          return c.queued + c.running + c.retry === 0;
        },
        { timeoutMs: 20_000, what: 'the queue to drain' },
      );
    } finally {
      await worker.stop();
    }
    expect((await sb.proxy.store.jobs.counts()).dead).toBe(0);
    const customer = sb.clarity.state.customers.require(id);
    const row = (await (await sb.dv.request(`contacts(${contact.contactid})?$select=telephone1,lastname`)).json()) as { telephone1: string; lastname: string };
    expect({ clarity: [customer.lastName, customer.phone], dataverse: [row.lastname, row.telephone1] }).toEqual({ clarity: ['L3', '+15559999999'], dataverse: ['L3', '+15559999999'] });
  });
});
