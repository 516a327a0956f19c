/** Builders for test deliveries: Clarity envelopes signed with the standardwebhooks package, Dataverse contexts. */
import { Webhook } from 'standardwebhooks';
import { TEST_WEBHOOK_SECRET } from './env';

export function clarityEnvelope(type: string, object: Record<string, unknown>, id = `evt_${Math.random().toString(36).slice(2)}`) {
  return { id, type, createdAt: '2025-01-15T14:30:00Z', apiVersion: 'v1', storeId: 'store_main', data: { object } };
}

/** Headers of a Clarity delivery of `body` (the exact bytes to send), signed at `at`. */
export function clarityHeaders(id: string, body: string, options: { secret?: string; at?: Date; type?: string } = {}): Record<string, string> {
  const at = options.at ?? new Date();
  return {
    'content-type': 'application/json',
    'user-agent': 'Clarity-Webhooks/1.0',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(options.secret ?? TEST_WEBHOOK_SECRET).sign(id, at, body),
    ...(options.type ? { 'x-clarity-event-type': options.type } : {}),
  };
}

const ENTITY = 'Entity:http://schemas.microsoft.com/xrm/2011/Contracts';

export interface ContextOptions {
  table?: string;
  id?: string;
  message?: string;
  operationId?: string;
  initiatingUserId?: string;
  attributes?: Record<string, unknown>;
}

/** A RemoteExecutionContext shaped like the documented samples (dataverse-webapi.md §6.4). */
export function dataverseContext(o: ContextOptions = {}) {
  const table = o.table ?? 'contact';
  const id = o.id ?? '6d81597f-0f9f-e711-8122-000d3aa2331c';
  const user = o.initiatingUserId ?? '75c2dd85-e89e-e711-8122-000d3aa2331c';
  const attrs = { firstname: 'James', [`${table}id`]: id, modifiedon: '/Date(1506384247000)/', ...o.attributes };
  return {
    BusinessUnitId: 'e2b9dd85-e89e-e711-8122-000d3aa2331c',
    CorrelationId: 'b374239d-4233-41a9-8b17-a86cb4f737b5',
    Depth: 1,
    InitiatingUserId: user,
    InputParameters: [
      {
        key: 'Target',
        value: { __type: ENTITY, Attributes: Object.entries(attrs).map(([key, value]) => ({ key, value })), EntityState: null, FormattedValues: [], Id: id, KeyAttributes: [], LogicalName: table, RelatedEntities: [], RowVersion: null },
      },
    ],
    MessageName: o.message ?? 'Update',
    Mode: 1,
    OperationCreatedOn: '/Date(1506409448000-0700)/',
    OperationId: o.operationId ?? '4af10637-4ea2-e711-8122-000d3aa2331c',
    OrganizationName: 'OrgName',
    PostEntityImages: [],
    PreEntityImages: [],
    PrimaryEntityId: id,
    PrimaryEntityName: table,
    RequestId: null,
    SecondaryEntityName: 'none',
    Stage: 40,
    UserId: user,
  };
}
