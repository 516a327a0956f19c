import type { StateDef, TableDef } from '../types';
import { auditColumns, primaryKey, stateColumns } from './common';

/** SALESREF product states: Active(1), Retired(2), Draft(0), Under Revision(3). */
export const PRODUCT_STATES: readonly StateDef[] = [
  { state: 0, label: 'Active', defaultStatus: 1, statuses: { 1: 'Active' } },
  { state: 1, label: 'Retired', defaultStatus: 2, statuses: { 2: 'Retired' } },
  { state: 2, label: 'Draft', defaultStatus: 0, statuses: { 0: 'Draft' } },
  { state: 3, label: 'Under Revision', defaultStatus: 3, statuses: { 3: 'Under Revision' } },
];

export const product: TableDef = {
  logicalName: 'product',
  entitySetName: 'products',
  primaryId: 'productid',
  primaryName: 'name',
  ownership: 'Organization',
  changeTracking: true,
  states: PRODUCT_STATES,
  columns: [
    primaryKey('productid'),
    { name: 'name', type: 'String', maxLength: 100, required: 'ApplicationRequired' },
    { name: 'productnumber', type: 'String', maxLength: 100, required: 'SystemRequired', indexed: true },
    { name: 'description', type: 'Memo', maxLength: 2000 },
    { name: 'defaultuomscheduleid', type: 'Lookup', targets: ['uomschedule'], required: 'ApplicationRequired' },
    { name: 'defaultuomid', type: 'Lookup', targets: ['uom'], required: 'ApplicationRequired' },
    { name: 'pricelevelid', type: 'Lookup', targets: ['pricelevel'], validForCreate: false },
    { name: 'transactioncurrencyid', type: 'Lookup', targets: ['transactioncurrency'] },
    { name: 'quantitydecimal', type: 'Integer', minValue: 0, maxValue: 5, required: 'ApplicationRequired', defaultValue: 0 },
    { name: 'quantityonhand', type: 'Decimal', precision: 2, minValue: 0 },
    { name: 'stockvolume', type: 'Decimal', precision: 2 },
    { name: 'stockweight', type: 'Decimal', precision: 2 },
    { name: 'price', type: 'Money', precision: 2 },
    { name: 'standardcost', type: 'Money', precision: 2 },
    { name: 'currentcost', type: 'Money', precision: 2 },
    { name: 'producturl', type: 'String', maxLength: 255 },
    { name: 'vendorname', type: 'String', maxLength: 100 },
    { name: 'isstockitem', type: 'Boolean', options: { 0: 'No', 1: 'Yes' } },
    {
      name: 'productstructure',
      type: 'Picklist',
      options: { 1: 'Product', 2: 'Product Family', 3: 'Product Bundle' },
      required: 'SystemRequired',
      validForUpdate: false,
      defaultValue: 1,
    },
    { name: 'producttypecode', type: 'Picklist', options: { 1: 'Sales Inventory', 2: 'Miscellaneous Charges', 3: 'Services', 4: 'Flat Fees' }, defaultValue: 1 },
    ...stateColumns(PRODUCT_STATES),
    ...auditColumns(),
  ],
  collections: [
    { name: 'price_level_product_price_levels', target: 'productpricelevel', referencingAttribute: 'productid' },
  ],
};
