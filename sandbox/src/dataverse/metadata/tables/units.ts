import type { TableDef } from '../types';
import { auditColumns, primaryKey } from './common';

export const uomschedule: TableDef = {
  logicalName: 'uomschedule',
  entitySetName: 'uomschedules',
  primaryId: 'uomscheduleid',
  primaryName: 'name',
  ownership: 'Organization',
  columns: [
    primaryKey('uomscheduleid'),
    { name: 'name', type: 'String', maxLength: 200, required: 'SystemRequired', indexed: true },
    { name: 'baseuomname', type: 'String', maxLength: 100, required: 'SystemRequired', validForUpdate: false },
    { name: 'description', type: 'Memo', maxLength: 2000 },
    ...auditColumns(),
  ],
  collections: [{ name: 'unit_of_measure_schedule_conversions', target: 'uom', referencingAttribute: 'uomscheduleid' }],
};

export const uom: TableDef = {
  logicalName: 'uom',
  entitySetName: 'uoms',
  primaryId: 'uomid',
  primaryName: 'name',
  ownership: 'None',
  columns: [
    primaryKey('uomid'),
    { name: 'name', type: 'String', maxLength: 100, required: 'SystemRequired', indexed: true },
    { name: 'uomscheduleid', type: 'Lookup', targets: ['uomschedule'], required: 'SystemRequired', validForUpdate: false, indexed: true },
    { name: 'baseuom', type: 'Lookup', targets: ['uom'], required: 'SystemRequired' },
    { name: 'quantity', type: 'Decimal', precision: 5, required: 'SystemRequired', defaultValue: 1 },
    { name: 'isschedulebaseuom', type: 'Boolean', options: { 0: 'No', 1: 'Yes' }, validForCreate: false, validForUpdate: false, defaultValue: false },
    ...auditColumns(),
  ],
};

export const transactioncurrency: TableDef = {
  logicalName: 'transactioncurrency',
  entitySetName: 'transactioncurrencies',
  primaryId: 'transactioncurrencyid',
  primaryName: 'currencyname',
  ownership: 'Organization',
  states: [
    { state: 0, label: 'Active', defaultStatus: 1, statuses: { 1: 'Active' } },
    { state: 1, label: 'Inactive', defaultStatus: 2, statuses: { 2: 'Inactive' } },
  ],
  columns: [
    primaryKey('transactioncurrencyid'),
    { name: 'currencyname', type: 'String', maxLength: 100, required: 'SystemRequired' },
    { name: 'isocurrencycode', type: 'String', maxLength: 5, required: 'SystemRequired', validForUpdate: false, indexed: true },
    { name: 'currencysymbol', type: 'String', maxLength: 13, required: 'SystemRequired' },
    { name: 'currencyprecision', type: 'Integer', minValue: 0, maxValue: 4, required: 'SystemRequired', defaultValue: 2 },
    { name: 'exchangerate', type: 'Decimal', precision: 10, required: 'SystemRequired', defaultValue: 1 },
    { name: 'statecode', type: 'State', options: { 0: 'Active', 1: 'Inactive' }, validForCreate: false },
    { name: 'statuscode', type: 'Status', options: { 1: 'Active', 2: 'Inactive' } },
    ...auditColumns(),
  ],
};
