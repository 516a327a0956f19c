/** Registration rows and write events for webhook tests, shaped like what a registration tool (FUSEBIT) creates. */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { MessageName, WriteEvent } from '../../pipeline/types';
import type { EntityRecord } from '../../store/types';
import { sdkMessageFilterId, SDK_MESSAGE_IDS, seedWebhookMessages } from '../seed';
import { MemoryStore } from './memory-store';
import { testRegistry } from './tables';

export const USER_ID = '75c2dd85-e89e-e711-8122-000d3aa2331c';
export const APP_USER_ID = '0d1c7f3e-5a1b-4c44-9e0a-2f7d6c1b9a01';
export const ORG = { id: '4ef5b371-e89e-e711-8122-000d3aa2331c', name: 'OrgName', domain: 'org6eadd181.crm.dynamics.com' };
export const BUSINESS_UNIT = 'e2b9dd85-e89e-e711-8122-000d3aa2331c';
export const CONTACT_ID = '6d81597f-0f9f-e711-8122-000d3aa2331c';

export function newStore(): MemoryStore {
  const store = new MemoryStore(testRegistry());
  seedWebhookMessages(store, ['contact', 'account'], { createdOn: '2024-01-01T00:00:00Z' });
  store.insert('systemuser', { systemuserid: USER_ID, fullname: 'Dana Admin' });
  return store;
}

export interface StepSpec {
  readonly url: string;
  readonly message?: MessageName;
  readonly table?: string;
  readonly mode?: 0 | 1;
  readonly stage?: number;
  readonly rank?: number;
  readonly authtype?: number;
  readonly authvalue?: string;
  readonly filteringattributes?: string;
  readonly statecode?: number;
  readonly contract?: number;
  readonly asyncautodelete?: boolean;
  readonly images?: readonly { alias: string; type: number; attributes?: string }[];
  readonly name?: string;
}

/** Inserts serviceendpoint + step (+ images); returns the ids. */
export function register(store: MemoryStore, spec: StepSpec): { endpointId: string; stepId: string } {
  const endpointId = randomUUID();
  const stepId = randomUUID();
  const message = spec.message ?? 'Update';
  store.insert('serviceendpoint', {
    serviceendpointid: endpointId,
    name: `hook-${endpointId.slice(0, 8)}`,
    contract: spec.contract ?? 8,
    url: spec.url,
    authtype: spec.authtype ?? 4,
    authvalue: spec.authvalue ?? 'secret-key',
    messageformat: 2,
  });
  store.insert('sdkmessageprocessingstep', {
    sdkmessageprocessingstepid: stepId,
    name: spec.name ?? `Clarity: ${message} of ${spec.table ?? 'contact'}`,
    stage: spec.stage ?? 40,
    mode: spec.mode ?? 1,
    rank: spec.rank ?? 1,
    supporteddeployment: 0,
    filteringattributes: spec.filteringattributes ?? null,
    asyncautodelete: spec.asyncautodelete ?? false,
    statecode: spec.statecode ?? 0,
    statuscode: spec.statecode === 1 ? 2 : 1,
    eventhandler: { id: endpointId, logicalName: 'serviceendpoint' },
    sdkmessageid: { id: SDK_MESSAGE_IDS[message], logicalName: 'sdkmessage' },
    sdkmessagefilterid: { id: sdkMessageFilterId(message, spec.table ?? 'contact'), logicalName: 'sdkmessagefilter' },
  });
  for (const image of spec.images ?? [])
    store.insert('sdkmessageprocessingstepimage', {
      sdkmessageprocessingstepimageid: randomUUID(),
      name: image.alias,
      entityalias: image.alias,
      imagetype: image.type,
      attributes: image.attributes ?? null,
      messagepropertyname: 'Target',
      sdkmessageprocessingstepid: { id: stepId, logicalName: 'sdkmessageprocessingstep' },
    });
  return { endpointId, stepId };
}

export const CONTACT_ROW: EntityRecord = {
  contactid: CONTACT_ID,
  firstname: 'James',
  lastname: 'Glynn (sample)',
  fullname: 'James Glynn (sample)',
  yomifullname: 'James Glynn (sample)',
  emailaddress1: 'james@example.com',
  creditlimit: 1500.5,
  gendercode: 1,
  donotemail: false,
  parentcustomerid: null,
  statecode: 0,
  statuscode: 1,
  createdon: '2017-09-25T23:00:00Z',
  modifiedon: '2017-09-26T00:04:07Z',
  createdby: { id: USER_ID, logicalName: 'systemuser' },
  modifiedby: { id: USER_ID, logicalName: 'systemuser' },
  modifiedonbehalfby: null,
  ownerid: { id: USER_ID, logicalName: 'systemuser' },
  versionnumber: 5948260,
};

/** The documented sample's write: contact Update setting firstname, plus the platform's system columns. */
export function updateEvent(store: MemoryStore, target: EntityRecord = { firstname: 'James' }, pre: EntityRecord = CONTACT_ROW): WriteEvent {
  const post = { ...pre, ...target };
  const fullTarget: EntityRecord = {
    ...target,
    fullname: post.fullname,
    yomifullname: post.yomifullname,
    modifiedon: '2017-09-26T00:04:07Z',
    modifiedby: { id: USER_ID, logicalName: 'systemuser' },
    modifiedonbehalfby: null,
  };
  return event(store, 'Update', fullTarget, pre, post);
}

export function event(store: MemoryStore, message: MessageName, target: EntityRecord, preImage?: EntityRecord, postImage?: EntityRecord): WriteEvent {
  return {
    message,
    table: store.metadata.require('contact'),
    id: CONTACT_ID,
    target,
    preImage,
    postImage,
    context: {
      userId: APP_USER_ID,
      initiatingUserId: USER_ID,
      correlationId: 'b374239d-4233-41a9-8b17-a86cb4f737b5',
      requestId: '5a3f1c2e-0000-4000-8000-00000000abcd',
      depth: 1,
    },
    operationId: randomUUID(),
    createdOn: new Date(1506409448000),
  };
}

const SAMPLE = path.resolve(__dirname, '../../../../../../shared/reference/dataverse-samples/webhook/docs-contact-update-async-postoperation.json');

/** The documented sample, or undefined (with a warning) when the shared folder is not checked out. */
export function loadSample(): Record<string, unknown> | undefined {
  if (!existsSync(SAMPLE)) {
    console.warn(`Skipping sample comparison: ${SAMPLE} not found`);
    return undefined;
  }
  return JSON.parse(readFileSync(SAMPLE, 'utf8')) as Record<string, unknown>;
}
