import type { TableDef } from '../types';
import { auditColumns, primaryKey } from './common';

export const environmentvariabledefinition: TableDef = {
  logicalName: 'environmentvariabledefinition',
  entitySetName: 'environmentvariabledefinitions',
  primaryId: 'environmentvariabledefinitionid',
  primaryName: 'schemaname',
  ownership: 'User',
  keys: [{ name: 'environmentvariabledefinition_schemaname', columns: ['schemaname'] }],
  columns: [
    primaryKey('environmentvariabledefinitionid'),
    { name: 'schemaname', type: 'String', maxLength: 100, required: 'SystemRequired', validForUpdate: false },
    { name: 'displayname', type: 'String', maxLength: 100, required: 'SystemRequired' },
    { name: 'description', type: 'Memo', maxLength: 2000 },
    { name: 'defaultvalue', type: 'Memo', maxLength: 2000 },
    {
      name: 'type',
      type: 'Picklist',
      options: { 100000000: 'String', 100000001: 'Number', 100000002: 'Boolean', 100000003: 'JSON', 100000004: 'Data Source', 100000005: 'Secret' },
      defaultValue: 100000000,
    },
    { name: 'isrequired', type: 'Boolean', options: { 0: 'No', 1: 'Yes' }, defaultValue: false },
    ...auditColumns(),
  ],
  collections: [
    {
      name: 'environmentvariabledefinition_environmentvariablevalue',
      target: 'environmentvariablevalue',
      referencingAttribute: 'environmentvariabledefinitionid',
    },
  ],
};

export const environmentvariablevalue: TableDef = {
  logicalName: 'environmentvariablevalue',
  entitySetName: 'environmentvariablevalues',
  primaryId: 'environmentvariablevalueid',
  primaryName: 'schemaname',
  ownership: 'User',
  columns: [
    primaryKey('environmentvariablevalueid'),
    { name: 'schemaname', type: 'String', maxLength: 100 },
    { name: 'value', type: 'Memo', maxLength: 2000 },
    { name: 'environmentvariabledefinitionid', type: 'Lookup', targets: ['environmentvariabledefinition'], indexed: true },
    ...auditColumns(),
  ],
};
