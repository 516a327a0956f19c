import type { StateDef, TableDef } from '../types';
import { auditColumns, ownerColumns, primaryKey, stateColumns } from './common';

/** CSREF incident states (specs/dataverse-webapi.md §5.2). */
export const INCIDENT_STATES: readonly StateDef[] = [
  { state: 0, label: 'Active', defaultStatus: 1, statuses: { 1: 'In Progress', 2: 'On Hold', 3: 'Waiting for Details', 4: 'Researching' } },
  { state: 1, label: 'Resolved', defaultStatus: 5, statuses: { 5: 'Problem Solved', 1000: 'Information Provided' } },
  { state: 2, label: 'Canceled', defaultStatus: 6, statuses: { 6: 'Canceled', 2000: 'Merged' } },
];

export const incident: TableDef = {
  logicalName: 'incident',
  entitySetName: 'incidents',
  primaryId: 'incidentid',
  primaryName: 'title',
  ownership: 'User',
  changeTracking: true,
  states: INCIDENT_STATES,
  stateChangeRestrictions: {
    1: 'This message can not be used to set the state of incident to Resolved. In order to set state of incident to Resolved, use the CloseIncidentRequest message instead.',
  },
  columns: [
    primaryKey('incidentid'),
    { name: 'title', type: 'String', maxLength: 200, required: 'ApplicationRequired' },
    { name: 'ticketnumber', type: 'String', maxLength: 100, computed: true, validForUpdate: false, indexed: true },
    { name: 'description', type: 'Memo', maxLength: 2000 },
    {
      name: 'customerid',
      type: 'Customer',
      targets: ['account', 'contact'],
      navigation: { account: 'customerid_account', contact: 'customerid_contact' },
      required: 'SystemRequired',
      indexed: true,
    },
    { name: 'primarycontactid', type: 'Lookup', targets: ['contact'] },
    { name: 'productid', type: 'Lookup', targets: ['product'] },
    { name: 'caseorigincode', type: 'Picklist', options: { 1: 'Phone', 2: 'Email', 3: 'Web', 2483: 'Facebook', 3986: 'Twitter' } },
    { name: 'casetypecode', type: 'Picklist', options: { 1: 'Question', 2: 'Problem', 3: 'Request' } },
    { name: 'prioritycode', type: 'Picklist', options: { 1: 'High', 2: 'Normal', 3: 'Low' }, defaultValue: 2 },
    ...stateColumns(INCIDENT_STATES),
    ...ownerColumns(),
    ...auditColumns(),
  ],
};

/** incidentresolution (Case Resolution) activity states: Open, Completed (what CloseIncident creates), Canceled. */
export const INCIDENT_RESOLUTION_STATES: readonly StateDef[] = [
  { state: 0, label: 'Open', defaultStatus: 1, statuses: { 1: 'Open' } },
  { state: 1, label: 'Completed', defaultStatus: 2, statuses: { 2: 'Closed' } },
  { state: 2, label: 'Canceled', defaultStatus: 3, statuses: { 3: 'Canceled' } },
];

/**
 * The case resolution activity the `CloseIncident` action creates (its `IncidentResolution` parameter): the
 * subject, description and time spent of how the case was resolved, linked to the case by `incidentid`.
 */
export const incidentresolution: TableDef = {
  logicalName: 'incidentresolution',
  entitySetName: 'incidentresolutions',
  primaryId: 'activityid',
  primaryName: 'subject',
  ownership: 'User',
  states: INCIDENT_RESOLUTION_STATES,
  columns: [
    primaryKey('activityid'),
    { name: 'subject', type: 'String', maxLength: 200, required: 'ApplicationRequired' },
    { name: 'description', type: 'Memo', maxLength: 2000 },
    { name: 'incidentid', type: 'Lookup', targets: ['incident'], required: 'SystemRequired', indexed: true },
    { name: 'timespent', type: 'Integer', minValue: 0, maxValue: 2_147_483_647 },
    { name: 'actualend', type: 'DateTime' },
    ...stateColumns(INCIDENT_RESOLUTION_STATES),
    ...ownerColumns(),
    ...auditColumns(),
  ],
};
