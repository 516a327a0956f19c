import type { StateDef, TableDef } from '../types';
import { auditColumns, primaryKey, stateColumns } from './common';

/** Enabled/Disabled, as in the sdkmessageprocessingstep reference (statecode 0/1, statuscode 1/2). */
export const STEP_STATES: readonly StateDef[] = [
  { state: 0, label: 'Enabled', defaultStatus: 1, statuses: { 1: 'Enabled' } },
  { state: 1, label: 'Disabled', defaultStatus: 2, statuses: { 2: 'Disabled' } },
];

export const STEP_STAGE = { preValidation: 10, preOperation: 20, mainOperation: 30, postOperation: 40 } as const;
export const STEP_MODE = { synchronous: 0, asynchronous: 1 } as const;

/**
 * `sdkmessageprocessingstep` (OrganizationOwned). `eventhandler` targets plugintype and serviceendpoint in the real
 * service; only serviceendpoint is modelled (no plug-in assemblies here), keeping its real navigation name
 * `eventhandler_serviceendpoint` (spec §6.1, FUSEBIT binds `eventhandler_serviceendpoint@odata.bind`).
 */
export const sdkmessageprocessingstep: TableDef = {
  logicalName: 'sdkmessageprocessingstep',
  entitySetName: 'sdkmessageprocessingsteps',
  primaryId: 'sdkmessageprocessingstepid',
  primaryName: 'name',
  ownership: 'Organization',
  columns: [
    primaryKey('sdkmessageprocessingstepid'),
    { name: 'name', type: 'String', maxLength: 256, required: 'SystemRequired', indexed: true },
    { name: 'description', type: 'String', maxLength: 256 },
    {
      name: 'stage',
      type: 'Picklist',
      required: 'SystemRequired',
      options: { 10: 'Pre-validation', 20: 'Pre-operation', 40: 'Post-operation' },
      defaultValue: 10,
    },
    { name: 'mode', type: 'Picklist', required: 'SystemRequired', options: { 0: 'Synchronous', 1: 'Asynchronous' }, defaultValue: 0 },
    { name: 'rank', type: 'Integer', required: 'SystemRequired', defaultValue: 1 },
    {
      name: 'supporteddeployment',
      type: 'Picklist',
      required: 'SystemRequired',
      options: { 0: 'Server Only', 1: 'Microsoft Dynamics 365 Client for Outlook Only', 2: 'Both' },
      defaultValue: 0,
    },
    { name: 'invocationsource', type: 'Picklist', options: { [-1]: 'Internal', 0: 'Parent', 1: 'Child' }, defaultValue: 0 },
    { name: 'filteringattributes', type: 'String', maxLength: 100000 },
    { name: 'configuration', type: 'String', maxLength: 1073741823 },
    { name: 'asyncautodelete', type: 'Boolean', options: { 0: 'No', 1: 'Yes' }, required: 'SystemRequired', defaultValue: false },
    { name: 'canbebypassed', type: 'Boolean', options: { 0: 'No', 1: 'Yes' }, defaultValue: false },
    {
      name: 'eventhandler',
      type: 'Lookup',
      targets: ['serviceendpoint'],
      navigation: { serviceendpoint: 'eventhandler_serviceendpoint' },
      required: 'SystemRequired',
      indexed: true,
    },
    { name: 'eventhandlertypecode', type: 'EntityName', validForCreate: false, validForUpdate: false },
    { name: 'sdkmessageid', type: 'Lookup', targets: ['sdkmessage'], required: 'SystemRequired', indexed: true },
    { name: 'sdkmessagefilterid', type: 'Lookup', targets: ['sdkmessagefilter'], indexed: true },
    { name: 'impersonatinguserid', type: 'Lookup', targets: ['systemuser'] },
    ...stateColumns(STEP_STATES),
    ...auditColumns(),
  ],
  states: STEP_STATES,
  collections: [
    {
      name: 'sdkmessageprocessingstepid_sdkmessageprocessingstepimage',
      target: 'sdkmessageprocessingstepimage',
      referencingAttribute: 'sdkmessageprocessingstepid',
    },
  ],
};
