import { buildClarityEmulator, type ClarityEmulator } from '../../../sandbox/src/clarity';
import { startDataverse, type RunningDataverse } from '../../../sandbox/src/dataverse/test-support/harness';
import { createClarityClient, type ClarityClient } from '../clients/clarity';
import { createDataverseClient, type DataverseClient } from '../clients/dataverse';
import { DEFAULT_MAPPINGS_DIR } from '../config';
import { loadMappings } from '../mapping';
import { runSetup } from './run-setup';

/** The setup command registers everything once and is a no-op the second time (idempotent). */
describe('runSetup against the sandbox emulators', () => {
  let dv: RunningDataverse;
  let clarityEmu: ClarityEmulator;
  let dataverse: DataverseClient;
  let clarity: ClarityClient;
  const publicUrl = 'http://127.0.0.1:39999';

  beforeAll(async () => {
    dv = await startDataverse();
    clarityEmu = await buildClarityEmulator({ rateLimit: false });
    const clarityUrl = await clarityEmu.app.listen({ port: 0, host: '127.0.0.1' });
    const port = new URL(dv.url).port;
    dataverse = createDataverseClient({ url: dv.url, authority: `https://localhost:${port}/sandbox`, clientId: 'sandbox-connector', clientSecret: 'sandbox-secret', ca: dv.caPem });
    clarity = createClarityClient({ baseUrl: `${clarityUrl}/api/v1`, apiKey: 'clr_test_sandbox' });
  });
  afterAll(async () => {
    await Promise.allSettled([dataverse.close(), clarity.close()]);
    await clarityEmu.close();
    await dv.close();
  });

  test('first run creates the endpoint, four steps and the subscription; the second changes nothing', async () => {
    const input = { dataverse, clarity, mappings: loadMappings(DEFAULT_MAPPINGS_DIR), publicUrl, dataverseWebhookKey: 'a-webhook-key-of-16+' };
    const first = await runSetup(input);
    expect(first.dataverse.endpoint).toBe('created');
    expect(Object.values(first.dataverse.steps)).toEqual(['created', 'created', 'created', 'created']);
    expect(first.clarity).toMatchObject({ change: 'created' });
    expect(first.clarity.secret).toMatch(/^whsec_/);

    const second = await runSetup(input);
    expect(second.dataverse.endpoint).toBe('unchanged');
    expect(Object.values(second.dataverse.steps)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(second.clarity).toEqual({ change: 'unchanged', webhookId: first.clarity.webhookId });

    const steps = (await (await dv.request("sdkmessageprocessingsteps?$select=name,mode,stage,filteringattributes&$filter=startswith(name,'Clarity Connector')")).json()) as { value: Record<string, unknown>[] };
    expect(steps.value).toHaveLength(4);
    const contactUpdate = steps.value.find((s) => s.name === 'Clarity Connector: contact Update')!;
    expect(contactUpdate).toMatchObject({ mode: 1, stage: 40 });
    expect(String(contactUpdate.filteringattributes).split(',')).toEqual(expect.arrayContaining(['firstname', 'lastname', 'emailaddress1', 'telephone1', 'parentcustomerid']));
    const endpoints = (await (await dv.request("serviceendpoints?$select=url,authtype,contract")).json()) as { value: Record<string, unknown>[] };
    expect(endpoints.value).toEqual([expect.objectContaining({ url: `${publicUrl}/webhooks/dataverse`, authtype: 4, contract: 8 })]);
    const hooks = [];
    for await (const h of clarity.listWebhooks()) hooks.push(h);
    expect(hooks).toEqual([expect.objectContaining({ url: `${publicUrl}/webhooks/clarity`, active: true })]);

    const rotated = await runSetup({ ...input, rotateClaritySecret: true });
    expect(rotated.clarity.change).toBe('updated');
    expect(rotated.clarity.secret).not.toBe(first.clarity.secret);
  });

  test('inventory both ways adds a product Update step on quantityonhand with the SKU in its image; going back removes it', async () => {
    const input = { dataverse, clarity, mappings: loadMappings(DEFAULT_MAPPINGS_DIR), publicUrl, dataverseWebhookKey: 'a-webhook-key-of-16+' };
    const both = await runSetup({ ...input, inventoryDirection: 'both' });
    expect(both.dataverse.steps['Clarity Connector: product Update']).toBe('created');
    const step = (await (await dv.request("sdkmessageprocessingsteps?$select=sdkmessageprocessingstepid,mode,stage,filteringattributes&$filter=name eq 'Clarity Connector: product Update'")).json()) as { value: Record<string, unknown>[] };
    expect(step.value).toEqual([expect.objectContaining({ mode: 1, stage: 40, filteringattributes: 'quantityonhand' })]);
    const stepId = String(step.value[0]!.sdkmessageprocessingstepid);
    const images = (await (await dv.request(`sdkmessageprocessingstepimages?$select=attributes,entityalias&$filter=_sdkmessageprocessingstepid_value eq ${stepId}`)).json()) as { value: Record<string, unknown>[] };
    expect(images.value).toEqual([expect.objectContaining({ entityalias: 'PostImage', attributes: 'productnumber,name' })]);
    expect((await runSetup({ ...input, inventoryDirection: 'both' })).dataverse.steps['Clarity Connector: product Update']).toBe('unchanged');

    const back = await runSetup({ ...input, inventoryDirection: 'clarity-to-dataverse' });
    expect(back.dataverse.steps['Clarity Connector: product Update']).toBe('removed');
    const left = (await (await dv.request("sdkmessageprocessingsteps?$select=name&$filter=startswith(name,'Clarity Connector')")).json()) as { value: unknown[] };
    expect(left.value).toHaveLength(4);
    expect((await runSetup(input)).dataverse.steps['Clarity Connector: product Update']).toBeUndefined();
  });
});
