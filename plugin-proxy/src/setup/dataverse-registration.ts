import type { DataverseClient, Row } from '../clients/dataverse';

/**
 * Registers the proxy as a webhook in a Dataverse org, exactly as an admin tool does against a real org
 * (dataverse-webapi.md §6.1): one `serviceendpoint` (contract 8, WebhookKey auth) and async PostOperation
 * steps on Create/Update of contact and account, Update steps filtered to the mapped columns and carrying a
 * post-image with the Clarity id (the intake uses it to order events per customer). Idempotent: found rows
 * are updated in place, missing ones created.
 */
export interface DataverseRegistration {
  webhookUrl: string;
  webhookKey: string;
  /** Columns per table that should trigger an Update event (the mapped ones). */
  filteringAttributes: Record<'contact' | 'account', string[]>;
  endpointName?: string;
}

export type Change = 'created' | 'updated' | 'unchanged';

export interface RegistrationReport {
  endpoint: Change;
  steps: Record<string, Change>;
}

const MESSAGES = ['Create', 'Update'] as const;
const TABLES = ['contact', 'account'] as const;

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

  const steps: Record<string, Change> = {};
  for (const message of MESSAGES) {
    const sdkMessage = await findOne(dv, 'sdkmessages', `name eq ${q(message)}`, ['name']);
    if (!sdkMessage) throw new Error(`Dataverse has no sdkmessage named ${message}`);
    const messageId = String(sdkMessage.sdkmessageid);
    for (const table of TABLES) {
      const filter = await findOne(dv, 'sdkmessagefilters', `primaryobjecttypecode eq ${q(table)} and _sdkmessageid_value eq ${messageId}`, ['primaryobjecttypecode']);
      if (!filter) throw new Error(`Dataverse has no sdkmessagefilter for ${message} of ${table}`);
      const stepName = `${name}: ${table} ${message}`;
      const body: Row = {
        name: stepName,
        stage: 40,
        mode: 1,
        rank: 1,
        supporteddeployment: 0,
        asyncautodelete: true,
        filteringattributes: message === 'Update' ? [...reg.filteringAttributes[table]].sort().join(',') : null,
        'eventhandler_serviceendpoint@odata.bind': `/serviceendpoints(${endpointId})`,
        'sdkmessageid@odata.bind': `/sdkmessages(${messageId})`,
        'sdkmessagefilterid@odata.bind': `/sdkmessagefilters(${String(filter.sdkmessagefilterid)})`,
      };
      const found = await findOne(dv, 'sdkmessageprocessingsteps', `name eq ${q(stepName)}`, ['name', 'stage', 'mode', 'rank', 'supporteddeployment', 'filteringattributes', 'asyncautodelete']);
      let stepId: string;
      if (found) {
        stepId = String(found.sdkmessageprocessingstepid);
        const change = differs(found, body);
        if (change) await dv.update('sdkmessageprocessingsteps', stepId, body, { ifMatch: '*' });
        steps[stepName] = change ? 'updated' : 'unchanged';
      } else {
        const created = await dv.create('sdkmessageprocessingsteps', body, { returnRepresentation: true });
        stepId = String(created.row?.sdkmessageprocessingstepid ?? created.id);
        steps[stepName] = 'created';
      }
      if (message === 'Update') await ensurePostImage(dv, stepId, table);
    }
  }
  return { endpoint, steps };
}

/** A post-image with the Clarity id and the primary name: enough for the intake to key and log the event. */
async function ensurePostImage(dv: DataverseClient, stepId: string, table: 'contact' | 'account'): Promise<void> {
  const attributes = table === 'contact' ? 'clar_clarityid,fullname,emailaddress1' : 'clar_clarityid,name';
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
