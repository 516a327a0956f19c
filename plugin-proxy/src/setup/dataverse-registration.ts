import type { DataverseClient, Row } from '../clients/dataverse';

/**
 * Registers the proxy as a webhook in a Dataverse org, exactly as an admin tool does against a real org
 * (dataverse-webapi.md §6.1): one `serviceendpoint` (contract 8, WebhookKey auth) and async PostOperation
 * steps on Create/Update of contact and account, Update steps filtered to the mapped columns and carrying a
 * post-image with the Clarity id (the intake uses it to order events per customer); with inventory flowing both
 * ways, an Update step on product filtered to `quantityonhand` with the SKU in its post-image. Idempotent: found
 * rows are updated in place, missing ones created, the product step removed when no longer wanted.
 */
export interface DataverseRegistration {
  webhookUrl: string;
  webhookKey: string;
  /** Columns per table that should trigger an Update event (the mapped ones). */
  filteringAttributes: Record<'contact' | 'account', string[]>;
  /** INVENTORY_DIRECTION=both: a quantity set in Dynamics goes to Clarity. */
  inventoryToClarity?: boolean;
  endpointName?: string;
}

export type Change = 'created' | 'updated' | 'unchanged' | 'removed';

interface StepSpec {
  table: string;
  message: (typeof MESSAGES)[number];
  /** Update only: the columns whose change fires the step. */
  filteringAttributes?: readonly string[];
  /** Update only: the post-image's columns. */
  image?: string;
}

/** The product step: what a CRM user's quantity change needs (the SKU orders it with Clarity's events). */
export const PRODUCT_STEP: StepSpec = { table: 'product', message: 'Update', filteringAttributes: ['quantityonhand'], image: 'productnumber,name' };

export interface RegistrationReport {
  endpoint: Change;
  steps: Record<string, Change>;
}

const MESSAGES = ['Create', 'Update'] as const;
const IMAGES: Record<'contact' | 'account', string> = { contact: 'clar_clarityid,fullname,emailaddress1', account: 'clar_clarityid,name' };

function q(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

async function findOne(dv: DataverseClient, set: string, filter: string, select: string[]): Promise<Row | undefined> {
  const page = await dv.query(set, { filter, select, top: 1 });
  return page.value[0];
}

function differs(existing: Row, wanted: Row): boolean {
  return Object.entries(wanted).some(([k, v]) => !k.includes('@') && existing[k] !== v);
}

export async function registerDataverseWebhooks(dv: DataverseClient, reg: DataverseRegistration): Promise<RegistrationReport> {
  const name = reg.endpointName ?? 'Clarity Connector';
  const endpointBody = { name, contract: 8, url: reg.webhookUrl, authtype: 4, authvalue: reg.webhookKey, messageformat: 2 };
  const existing = await findOne(dv, 'serviceendpoints', `name eq ${q(name)}`, ['name', 'url', 'contract', 'authtype', 'messageformat']);
  let endpointId: string;
  let endpoint: Change;
  if (existing) {
    endpointId = String(existing.serviceendpointid);
    // authvalue is write-only (never read back), so it is always re-sent: the key may have been rotated.
    await dv.update('serviceendpoints', endpointId, endpointBody, { ifMatch: '*' });
    endpoint = differs(existing, { ...endpointBody, authvalue: undefined }) ? 'updated' : 'unchanged';
  } else {
    const created = await dv.create('serviceendpoints', endpointBody, { returnRepresentation: true });
    endpointId = String(created.row?.serviceendpointid ?? created.id);
    endpoint = 'created';
  }

  const specs: StepSpec[] = [];
  for (const message of MESSAGES)
    for (const table of ['contact', 'account'] as const)
      specs.push(message === 'Update' ? { table, message, filteringAttributes: reg.filteringAttributes[table], image: IMAGES[table] } : { table, message });
  if (reg.inventoryToClarity) specs.push(PRODUCT_STEP);

  const steps: Record<string, Change> = {};
  for (const spec of specs) steps[`${name}: ${spec.table} ${spec.message}`] = await ensureStep(dv, name, endpointId, spec);
  if (!reg.inventoryToClarity) {
    const stepName = `${name}: ${PRODUCT_STEP.table} ${PRODUCT_STEP.message}`;
    if (await removeStep(dv, stepName)) steps[stepName] = 'removed';
  }
  return { endpoint, steps };
}

async function messageFilter(dv: DataverseClient, message: string, table: string): Promise<{ messageId: string; filterId: string }> {
  const sdkMessage = await findOne(dv, 'sdkmessages', `name eq ${q(message)}`, ['name']);
  if (!sdkMessage) throw new Error(`Dataverse has no sdkmessage named ${message}`);
  const messageId = String(sdkMessage.sdkmessageid);
  const filter = await findOne(dv, 'sdkmessagefilters', `primaryobjecttypecode eq ${q(table)} and _sdkmessageid_value eq ${messageId}`, ['primaryobjecttypecode']);
  if (!filter) throw new Error(`Dataverse has no sdkmessagefilter for ${message} of ${table}`);
  return { messageId, filterId: String(filter.sdkmessagefilterid) };
}

async function ensureStep(dv: DataverseClient, name: string, endpointId: string, spec: StepSpec): Promise<Change> {
  const { messageId, filterId } = await messageFilter(dv, spec.message, spec.table);
  const stepName = `${name}: ${spec.table} ${spec.message}`;
  const body: Row = {
    name: stepName,
    stage: 40,
    mode: 1,
    rank: 1,
    supporteddeployment: 0,
    asyncautodelete: true,
    filteringattributes: spec.filteringAttributes ? [...spec.filteringAttributes].sort().join(',') : null,
    'eventhandler_serviceendpoint@odata.bind': `/serviceendpoints(${endpointId})`,
    'sdkmessageid@odata.bind': `/sdkmessages(${messageId})`,
    'sdkmessagefilterid@odata.bind': `/sdkmessagefilters(${filterId})`,
  };
  const found = await findOne(dv, 'sdkmessageprocessingsteps', `name eq ${q(stepName)}`, ['name', 'stage', 'mode', 'rank', 'supporteddeployment', 'filteringattributes', 'asyncautodelete']);
  let stepId: string;
  let change: Change;
  if (found) {
    stepId = String(found.sdkmessageprocessingstepid);
    change = differs(found, body) ? 'updated' : 'unchanged';
    if (change === 'updated') await dv.update('sdkmessageprocessingsteps', stepId, body, { ifMatch: '*' });
  } else {
    const created = await dv.create('sdkmessageprocessingsteps', body, { returnRepresentation: true });
    stepId = String(created.row?.sdkmessageprocessingstepid ?? created.id);
    change = 'created';
  }
  if (spec.image) await ensurePostImage(dv, stepId, spec.image);
  return change;
}

/** Deletes a step the configuration no longer wants (its image first); false when there was none. */
async function removeStep(dv: DataverseClient, stepName: string): Promise<boolean> {
  const found = await findOne(dv, 'sdkmessageprocessingsteps', `name eq ${q(stepName)}`, ['name']);
  if (!found) return false;
  const stepId = String(found.sdkmessageprocessingstepid);
  for await (const image of dv.queryAll('sdkmessageprocessingstepimages', { select: ['name'], filter: `_sdkmessageprocessingstepid_value eq ${stepId}` }))
    await dv.delete('sdkmessageprocessingstepimages', String(image.sdkmessageprocessingstepimageid));
  await dv.delete('sdkmessageprocessingsteps', stepId);
  return true;
}

/** A post-image with the record's Clarity key and its name: enough for the intake to key and log the event. */
async function ensurePostImage(dv: DataverseClient, stepId: string, attributes: string): Promise<void> {
  const found = await findOne(dv, 'sdkmessageprocessingstepimages', `_sdkmessageprocessingstepid_value eq ${stepId} and entityalias eq 'PostImage'`, ['attributes']);
  const body = {
    name: 'PostImage',
    entityalias: 'PostImage',
    imagetype: 1,
    messagepropertyname: 'Target',
    attributes,
    'sdkmessageprocessingstepid@odata.bind': `/sdkmessageprocessingsteps(${stepId})`,
  };
  if (!found) await dv.create('sdkmessageprocessingstepimages', body);
  else if (found.attributes !== attributes) await dv.update('sdkmessageprocessingstepimages', String(found.sdkmessageprocessingstepimageid), body, { ifMatch: '*' });
}
