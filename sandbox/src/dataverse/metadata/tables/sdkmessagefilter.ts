import type { TableDef } from '../types';
import { auditColumns, primaryKey } from './common';

/**
 * `sdkmessagefilter`: which messages a table supports (one row per message/table pair). Only Retrieve and
 * RetrieveMultiple are allowed on it in the real service; `primaryobjecttypecode` is an EntityName column holding
 * the table's logical name (`$filter=primaryobjecttypecode eq 'contact'`), per the sdkmessagefilter reference.
 */
export const sdkmessagefilter: TableDef = {
  logicalName: 'sdkmessagefilter',
  entitySetName: 'sdkmessagefilters',
  primaryId: 'sdkmessagefilterid',
  primaryName: 'name',
  ownership: 'Organization',
  columns: [
    primaryKey('sdkmessagefilterid'),
    { name: 'name', type: 'String', maxLength: 256 },
    { name: 'sdkmessageid', type: 'Lookup', targets: ['sdkmessage'], required: 'SystemRequired', validForUpdate: false, indexed: true },
    { name: 'primaryobjecttypecode', type: 'EntityName', required: 'SystemRequired', validForCreate: false, validForUpdate: false, indexed: true },
    { name: 'secondaryobjecttypecode', type: 'EntityName', required: 'SystemRequired', validForCreate: false, validForUpdate: false },
    { name: 'availability', type: 'Integer', required: 'SystemRequired' },
    { name: 'iscustomprocessingstepallowed', type: 'Boolean', options: { 0: 'No', 1: 'Yes' }, defaultValue: false },
    { name: 'isvisible', type: 'Boolean', options: { 0: 'No', 1: 'Yes' }, validForCreate: false, validForUpdate: false },
    { name: 'workflowsdkstepenabled', type: 'Boolean', options: { 0: 'No', 1: 'Yes' }, validForCreate: false, validForUpdate: false },
    ...auditColumns(),
  ],
  collections: [
    { name: 'sdkmessagefilterid_sdkmessageprocessingstep', target: 'sdkmessageprocessingstep', referencingAttribute: 'sdkmessagefilterid' },
  ],
};
