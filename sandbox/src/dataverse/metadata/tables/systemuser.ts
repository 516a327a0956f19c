import type { TableDef } from '../types';
import { auditColumns, primaryKey } from './common';

/** Users, including application users bound to an Entra app registration (`applicationid`). */
export const systemuser: TableDef = {
  logicalName: 'systemuser',
  entitySetName: 'systemusers',
  primaryId: 'systemuserid',
  primaryName: 'fullname',
  ownership: 'Organization',
  columns: [
    primaryKey('systemuserid'),
    { name: 'fullname', type: 'String', maxLength: 200, computed: true, validForCreate: false, validForUpdate: false },
    { name: 'firstname', type: 'String', maxLength: 64 },
    { name: 'lastname', type: 'String', maxLength: 64 },
    { name: 'domainname', type: 'String', maxLength: 1024, required: 'SystemRequired' },
    { name: 'internalemailaddress', type: 'String', maxLength: 100, indexed: true },
    { name: 'applicationid', type: 'Uniqueidentifier', indexed: true },
    { name: 'azureactivedirectoryobjectid', type: 'Uniqueidentifier', indexed: true },
    { name: 'isdisabled', type: 'Boolean', options: { 0: 'Enabled', 1: 'Disabled' }, defaultValue: false },
    { name: 'businessunitid', type: 'Uniqueidentifier' },
    {
      name: 'accessmode',
      type: 'Picklist',
      options: { 0: 'Read-Write', 1: 'Administrative', 2: 'Read', 3: 'Support User', 4: 'Non-interactive', 5: 'Delegated Admin' },
      defaultValue: 0,
    },
    ...auditColumns(),
  ],
};
