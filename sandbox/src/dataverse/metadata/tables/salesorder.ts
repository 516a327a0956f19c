import type { ColumnDef, StateDef, TableDef } from '../types';
import { auditColumns, ownerColumns, primaryKey, stateColumns } from './common';

/** SALESREF salesorder state/status table (specs/dataverse-webapi.md §5.2). */
export const SALESORDER_STATES: readonly StateDef[] = [
  { state: 0, label: 'Active', defaultStatus: 1, statuses: { 1: 'New', 2: 'Pending', 700970000: 'In Progress' } },
  { state: 1, label: 'Submitted', defaultStatus: 3, statuses: { 3: 'In Progress' } },
  { state: 2, label: 'Canceled', defaultStatus: 4, statuses: { 4: 'No Money' } },
  { state: 3, label: 'Fulfilled', defaultStatus: 100001, statuses: { 100001: 'Complete', 100002: 'Partial' } },
  { state: 4, label: 'Invoiced', defaultStatus: 100003, statuses: { 100003: 'Invoiced' } },
];

const computedMoney = (name: string): ColumnDef => ({ name, type: 'Money', precision: 2, computed: true, validForCreate: false, validForUpdate: false });

function shipBillColumns(prefix: 'billto' | 'shipto'): ColumnDef[] {
  return ['name', 'line1', 'line2', 'line3', 'city', 'stateorprovince', 'postalcode', 'country', 'telephone', 'contactname'].map(
    (part): ColumnDef => ({ name: `${prefix}_${part}`, type: 'String', maxLength: part.startsWith('line') ? 250 : 200 }),
  );
}

export const salesorder: TableDef = {
  logicalName: 'salesorder',
  entitySetName: 'salesorders',
  primaryId: 'salesorderid',
  primaryName: 'name',
  ownership: 'User',
  changeTracking: true,
  states: SALESORDER_STATES,
  columns: [
    primaryKey('salesorderid'),
    { name: 'name', type: 'String', maxLength: 300, required: 'ApplicationRequired' },
    { name: 'ordernumber', type: 'String', maxLength: 100, required: 'SystemRequired', validForUpdate: false, indexed: true },
    { name: 'description', type: 'Memo', maxLength: 2000 },
    {
      name: 'customerid',
      type: 'Customer',
      targets: ['account', 'contact'],
      navigation: { account: 'customerid_account', contact: 'customerid_contact' },
      required: 'ApplicationRequired',
      indexed: true,
    },
    { name: 'pricelevelid', type: 'Lookup', targets: ['pricelevel'], required: 'ApplicationRequired' },
    { name: 'transactioncurrencyid', type: 'Lookup', targets: ['transactioncurrency'], required: 'ApplicationRequired', validForUpdate: false },
    { name: 'discountamount', type: 'Money', precision: 2 },
    { name: 'discountpercentage', type: 'Decimal', precision: 2, minValue: 0, maxValue: 100 },
    { name: 'freightamount', type: 'Money', precision: 2 },
    computedMoney('totalamount'),
    computedMoney('totalamountlessfreight'),
    computedMoney('totallineitemamount'),
    computedMoney('totallineitemdiscountamount'),
    computedMoney('totaldiscountamount'),
    computedMoney('totaltax'),
    { name: 'ispricelocked', type: 'Boolean', options: { 0: 'No', 1: 'Yes' }, validForCreate: false },
    { name: 'pricingerrorcode', type: 'Picklist', options: { 0: 'None' }, computed: true, validForCreate: false, validForUpdate: false },
    { name: 'requestdeliveryby', type: 'DateTime' },
    { name: 'datefulfilled', type: 'DateTime' },
    { name: 'submitdate', type: 'DateTime' },
    { name: 'paymenttermscode', type: 'Picklist', options: { 1: 'Net 30', 2: '2% 10, Net 30', 3: 'Net 45', 4: 'Net 60' } },
    { name: 'shippingmethodcode', type: 'Picklist', options: { 1: 'Airborne', 2: 'DHL', 3: 'FedEx', 4: 'UPS', 5: 'Postal Mail', 6: 'Full Load', 7: 'Will Call' } },
    { name: 'willcall', type: 'Boolean', options: { 0: 'Address', 1: 'Will Call' } },
    ...shipBillColumns('billto'),
    ...shipBillColumns('shipto'),
    ...stateColumns(SALESORDER_STATES),
    ...ownerColumns(),
    ...auditColumns(),
  ],
  collections: [{ name: 'order_details', target: 'salesorderdetail', referencingAttribute: 'salesorderid' }],
};
