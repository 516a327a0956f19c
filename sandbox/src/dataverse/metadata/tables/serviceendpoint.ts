import type { ColumnDef, TableDef } from '../types';
import { auditColumns, primaryKey } from './common';

/**
 * IsValidForRead = false in the real metadata (WEBHOOKS serviceendpoint reference; specs/dataverse-webapi.md §6.1:
 * "authvalue … write-only, cannot be read back"). `ColumnDef` has no such flag yet, so the proposal
 * `validForRead?: boolean` is carried as an extra property; the serializer should drop these columns from every
 * read (and `$select` of them returns nothing). Assigned through a variable so the literal is not excess-checked.
 */
export interface ReadableColumnDef extends ColumnDef {
  readonly validForRead?: boolean;
}

export function writeOnly(column: ColumnDef): ColumnDef {
  const flagged: ReadableColumnDef = { ...column, validForRead: false };
  return flagged;
}

/** True when a column must never be returned on read (see `writeOnly`). */
export function isWriteOnly(column: ColumnDef): boolean {
  return (column as ReadableColumnDef).validForRead === false;
}

/** Contract 8 = Webhook; the other contracts are Azure Service Bus / Event Hub / Event Grid, not emulated. */
export const SERVICE_ENDPOINT_CONTRACT = { webhook: 8 } as const;
export const SERVICE_ENDPOINT_AUTHTYPE = { webhookKey: 4, httpHeader: 5, httpQueryString: 6 } as const;

/** `serviceendpoint` (OrganizationOwned), columns from the WEBHOOKS serviceendpoint reference. */
export const serviceendpoint: TableDef = {
  logicalName: 'serviceendpoint',
  entitySetName: 'serviceendpoints',
  primaryId: 'serviceendpointid',
  primaryName: 'name',
  ownership: 'Organization',
  columns: [
    primaryKey('serviceendpointid'),
    { name: 'name', type: 'String', maxLength: 256, required: 'SystemRequired', indexed: true },
    { name: 'description', type: 'Memo', maxLength: 2000 },
    {
      name: 'contract',
      type: 'Picklist',
      required: 'SystemRequired',
      options: {
        1: 'OneWay', 2: 'Queue', 3: 'Rest', 4: 'TwoWay', 5: 'Topic', 6: 'Queue (Persistent)', 7: 'Event Hub',
        8: 'Webhook', 9: 'Event Grid', 10: 'Managed Data Lake',
      },
    },
    { name: 'url', type: 'String', maxLength: 2000 },
    {
      name: 'authtype',
      type: 'Picklist',
      options: {
        1: 'ACS', 2: 'SAS Key', 3: 'SAS Token', 4: 'Webhook Key', 5: 'Http Header', 6: 'Http Query String',
        7: 'Connection String', 8: 'Access Key',
      },
    },
    writeOnly({ name: 'authvalue', type: 'String', maxLength: 2048 }),
    // Read-only mirror of authvalue so clients can tell a secret is configured; maintained by the emulator.
    { name: 'isauthvalueset', type: 'Boolean', options: { 0: 'No', 1: 'Yes' }, computed: true, validForCreate: false, validForUpdate: false },
    { name: 'messageformat', type: 'Picklist', options: { 1: 'Binary XML', 2: 'Json', 3: 'Text XML' } },
    { name: 'messagecharset', type: 'Picklist', options: { 0: 'Default', 1: 'UTF8' } },
    // SystemRequired in metadata, but the platform fills it for webhooks (FUSEBIT posts none of them).
    { name: 'connectionmode', type: 'Picklist', options: { 1: 'Normal', 2: 'Federated' }, defaultValue: 1 },
    { name: 'userclaim', type: 'Picklist', options: { 1: 'None', 2: 'UserId', 3: 'UserInfo' }, defaultValue: 1 },
    { name: 'namespaceaddress', type: 'String', maxLength: 255 },
    { name: 'namespaceformat', type: 'Picklist', options: { 1: 'Namespace Name', 2: 'Namespace Address' } },
    { name: 'path', type: 'String', maxLength: 160 },
    { name: 'solutionnamespace', type: 'String', maxLength: 160 },
    { name: 'saskeyname', type: 'String', maxLength: 256 },
    writeOnly({ name: 'saskey', type: 'String', maxLength: 256 }),
    writeOnly({ name: 'sastoken', type: 'String', maxLength: 256 }),
    ...auditColumns(),
  ],
  collections: [
    { name: 'serviceendpoint_sdkmessageprocessingstep', target: 'sdkmessageprocessingstep', referencingAttribute: 'eventhandler' },
  ],
};
