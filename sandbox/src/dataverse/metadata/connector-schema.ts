import type { ColumnDef, TableExtension } from './types';

/**
 * The connector's own columns and alternate keys (publisher prefix `clar`), in one declarative place.
 * The Dataverse solution ships the same schema; the emulator takes it from here so both cannot drift
 * (names fixed in shared/design.md: "Names fixed across the project").
 */

/** Option values use the publisher's option value prefix (81240), as a real solution's choices do. */
export const SYNC_STATUS = { synced: 812400000, pending: 812400001, error: 812400002 } as const;

const syncColumns = (): ColumnDef[] => [
  { name: 'clar_loyaltypoints', type: 'Integer', minValue: 0, maxValue: 2147483647 },
  { name: 'clar_loyaltytier', type: 'String', maxLength: 50 },
  { name: 'clar_syncstatus', type: 'Picklist', options: { [SYNC_STATUS.synced]: 'Synced', [SYNC_STATUS.pending]: 'Pending', [SYNC_STATUS.error]: 'Error' } },
  { name: 'clar_lastsyncedon', type: 'DateTime' },
  { name: 'clar_syncerror', type: 'Memo', maxLength: 4000 },
];

const clarityId = (name: string): ColumnDef => ({ name, type: 'String', maxLength: 100, indexed: true });

export const CONNECTOR_SCHEMA: readonly TableExtension[] = [
  {
    table: 'contact',
    columns: [clarityId('clar_clarityid'), ...syncColumns()],
    keys: [{ name: 'clar_contact_clarityid', columns: ['clar_clarityid'] }],
  },
  {
    table: 'account',
    columns: [clarityId('clar_clarityid'), ...syncColumns()],
    keys: [{ name: 'clar_account_clarityid', columns: ['clar_clarityid'] }],
  },
  {
    table: 'salesorder',
    columns: [clarityId('clar_clarityorderid'), { name: 'clar_syncerror', type: 'Memo', maxLength: 4000 }],
    keys: [{ name: 'clar_salesorder_clarityorderid', columns: ['clar_clarityorderid'] }],
  },
  {
    table: 'incident',
    columns: [clarityId('clar_clarityreturnid')],
    keys: [{ name: 'clar_incident_clarityreturnid', columns: ['clar_clarityreturnid'] }],
  },
  {
    table: 'product',
    columns: [clarityId('clar_clarityproductid')],
    keys: [{ name: 'clar_product_productnumber', columns: ['productnumber'] }],
  },
];
