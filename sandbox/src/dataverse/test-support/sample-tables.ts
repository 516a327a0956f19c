import { auditColumns, ownerColumns, primaryKey } from '../metadata/tables/common';
import type { TableDef, TableExtension } from '../metadata/types';

/**
 * Tables that only Microsoft's documentation samples use (`task`, `lead`, `example_record`), so the replay test
 * can run the documented requests unchanged. Tests register them with `extraTables`/`extensions`.
 */
export const SAMPLE_TABLES: TableDef[] = [
  {
    logicalName: 'task',
    entitySetName: 'tasks',
    primaryId: 'activityid',
    primaryName: 'subject',
    ownership: 'User',
    columns: [
      primaryKey('activityid'),
      { name: 'subject', type: 'String', maxLength: 200 },
      { name: 'description', type: 'Memo', maxLength: 2000 },
      {
        name: 'regardingobjectid',
        type: 'Lookup',
        targets: ['account', 'contact'],
        navigation: { account: 'regardingobjectid_account_task', contact: 'regardingobjectid_contact_task' },
      },
      ...ownerColumns(),
      ...auditColumns(),
    ],
  },
  {
    logicalName: 'lead',
    entitySetName: 'leads',
    primaryId: 'leadid',
    primaryName: 'fullname',
    ownership: 'User',
    columns: [
      primaryKey('leadid'),
      { name: 'firstname', type: 'String', maxLength: 50 },
      { name: 'lastname', type: 'String', maxLength: 50 },
      { name: 'fullname', type: 'String', maxLength: 160, computed: true, validForCreate: false, validForUpdate: false },
      { name: 'subject', type: 'String', maxLength: 300 },
      ...ownerColumns(),
      ...auditColumns(),
    ],
  },
  {
    logicalName: 'example_record',
    entitySetName: 'example_records',
    primaryId: 'example_recordid',
    primaryName: 'example_name',
    ownership: 'User',
    keys: [{ name: 'example_key', columns: ['example_key1', 'example_key2'] }],
    columns: [
      primaryKey('example_recordid'),
      { name: 'example_name', type: 'String', maxLength: 100 },
      { name: 'example_key1', type: 'Integer' },
      { name: 'example_key2', type: 'Integer' },
      ...ownerColumns(),
      ...auditColumns(),
    ],
  },
];

/** The account side of the samples' relationships: `originatingleadid` and `Account_Tasks`. */
export const SAMPLE_EXTENSIONS: TableExtension[] = [
  {
    table: 'account',
    columns: [{ name: 'originatingleadid', type: 'Lookup', targets: ['lead'] }],
    collections: [{ name: 'Account_Tasks', target: 'task', referencingAttribute: 'regardingobjectid' }],
  },
];
