import type { StateDef, TableDef } from '../types';
import { auditColumns, primaryKey, stateColumns } from './common';

const PRICELEVEL_STATES: readonly StateDef[] = [
  { state: 0, label: 'Active', defaultStatus: 100001, statuses: { 100001: 'Active' } },
  { state: 1, label: 'Inactive', defaultStatus: 100002, statuses: { 100002: 'Inactive' } },
];

export const pricelevel: TableDef = {
  logicalName: 'pricelevel',
  entitySetName: 'pricelevels',
  primaryId: 'pricelevelid',
  primaryName: 'name',
  ownership: 'Organization',
  changeTracking: true,
  states: PRICELEVEL_STATES,
  columns: [
    primaryKey('pricelevelid'),
    { name: 'name', type: 'String', maxLength: 100, required: 'SystemRequired', indexed: true },
    { name: 'description', type: 'Memo', maxLength: 2000 },
    { name: 'transactioncurrencyid', type: 'Lookup', targets: ['transactioncurrency'], required: 'ApplicationRequired', validForUpdate: false },
    { name: 'begindate', type: 'DateTime' },
    { name: 'enddate', type: 'DateTime' },
    ...stateColumns(PRICELEVEL_STATES),
    ...auditColumns(),
  ],
  collections: [{ name: 'price_level_product_price_levels', target: 'productpricelevel', referencingAttribute: 'pricelevelid' }],
};

export const productpricelevel: TableDef = {
  logicalName: 'productpricelevel',
  entitySetName: 'productpricelevels',
  primaryId: 'productpricelevelid',
  primaryName: 'productidname',
  ownership: 'None',
  changeTracking: true,
  columns: [
    primaryKey('productpricelevelid'),
    { name: 'productidname', type: 'String', maxLength: 100, computed: true, validForCreate: false, validForUpdate: false },
    { name: 'pricelevelid', type: 'Lookup', targets: ['pricelevel'], required: 'SystemRequired', validForUpdate: false, indexed: true },
    { name: 'productid', type: 'Lookup', targets: ['product'], required: 'SystemRequired', indexed: true },
    { name: 'uomid', type: 'Lookup', targets: ['uom'], required: 'ApplicationRequired' },
    { name: 'uomscheduleid', type: 'Lookup', targets: ['uomschedule'] },
    { name: 'transactioncurrencyid', type: 'Lookup', targets: ['transactioncurrency'], validForCreate: false, validForUpdate: false },
    { name: 'amount', type: 'Money', precision: 2, required: 'ApplicationRequired' },
    { name: 'percentage', type: 'Decimal', precision: 2 },
    {
      name: 'pricingmethodcode',
      type: 'Picklist',
      required: 'ApplicationRequired',
      defaultValue: 1,
      options: {
        1: 'Currency Amount',
        2: 'Percent of List',
        3: 'Percent Markup - Current Cost',
        4: 'Percent Margin - Current Cost',
        5: 'Percent Markup - Standard Cost',
        6: 'Percent Margin - Standard Cost',
      },
    },
    { name: 'quantitysellingcode', type: 'Picklist', required: 'ApplicationRequired', defaultValue: 1, options: { 1: 'No Control', 2: 'Whole', 3: 'Whole and Fractional' } },
    { name: 'roundingpolicycode', type: 'Picklist', options: { 1: 'None', 2: 'Up', 3: 'Down', 4: 'To Nearest' } },
    ...auditColumns(),
  ],
};
