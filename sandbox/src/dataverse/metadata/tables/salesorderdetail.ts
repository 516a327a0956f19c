import type { ColumnDef, TableDef } from '../types';
import { auditColumns, primaryKey } from './common';

const money = (name: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({ name, type: 'Money', precision: 2, ...extra });

export const salesorderdetail: TableDef = {
  logicalName: 'salesorderdetail',
  entitySetName: 'salesorderdetails',
  primaryId: 'salesorderdetailid',
  primaryName: 'salesorderdetailname',
  ownership: 'User',
  columns: [
    primaryKey('salesorderdetailid'),
    { name: 'salesorderdetailname', type: 'String', maxLength: 500, computed: true, validForCreate: false, validForUpdate: false },
    { name: 'salesorderid', type: 'Lookup', targets: ['salesorder'], required: 'SystemRequired', validForUpdate: false, indexed: true },
    { name: 'productid', type: 'Lookup', targets: ['product'] },
    { name: 'uomid', type: 'Lookup', targets: ['uom'] },
    { name: 'transactioncurrencyid', type: 'Lookup', targets: ['transactioncurrency'], validForCreate: false, validForUpdate: false },
    { name: 'quantity', type: 'Decimal', precision: 5, required: 'ApplicationRequired', minValue: 0 },
    { name: 'isproductoverridden', type: 'Boolean', options: { 0: 'Existing', 1: 'Write In' }, validForUpdate: false, defaultValue: false },
    { name: 'ispriceoverridden', type: 'Boolean', options: { 0: 'Use Default', 1: 'Override Price' }, defaultValue: false },
    { name: 'productdescription', type: 'String', maxLength: 500 },
    { name: 'description', type: 'Memo', maxLength: 2000 },
    { name: 'lineitemnumber', type: 'Integer', minValue: 0 },
    { name: 'sequencenumber', type: 'Integer', minValue: 0 },
    {
      name: 'producttypecode',
      type: 'Picklist',
      options: { 1: 'Product', 2: 'Bundle', 3: 'Required Bundle Product', 4: 'Optional Bundle Product', 5: 'Project-based Service' },
      required: 'SystemRequired',
      defaultValue: 1,
    },
    money('priceperunit'),
    money('manualdiscountamount'),
    money('volumediscountamount', { computed: true, validForCreate: false, validForUpdate: false }),
    money('tax'),
    money('baseamount', { computed: true, validForCreate: false, validForUpdate: false }),
    money('extendedamount', { computed: true, validForCreate: false, validForUpdate: false }),
    { name: 'pricingerrorcode', type: 'Picklist', options: { 0: 'None', 6: 'Missing Product', 11: 'Product Not In Price Level' }, computed: true, validForCreate: false, validForUpdate: false },
    ...auditColumns(),
  ],
};
