/**
 * The connector's columns and alternate keys (publisher prefix `clar`): the one declarative source that both
 * the solution's customizations.xml (solution/src/customizations.ts) and the sandbox's Dataverse emulator
 * (sandbox/src/dataverse/metadata/connector-schema.ts) are built from, so the two cannot drift.
 * Names are fixed in shared/design.md ("Names fixed across the project"). No imports: the sandbox and the
 * packer both load this file as plain data.
 */

/** Option values use the publisher's option value prefix (81240), as a real solution's choices do. */
export const OPTION_VALUE_PREFIX = 81240;
export const SYNC_STATUS = { synced: 812400000, pending: 812400001, error: 812400002 } as const;

export type SolutionColumnType = 'String' | 'Memo' | 'Integer' | 'Picklist' | 'DateTime';

export interface SolutionColumn {
  /** Logical name (lower case); the schema name is the same for our columns. */
  readonly name: string;
  readonly type: SolutionColumnType;
  readonly displayName: string;
  readonly description: string;
  readonly maxLength?: number;
  readonly minValue?: number;
  readonly maxValue?: number;
  /** Picklist choices, value -> label. */
  readonly options?: Readonly<Record<number, string>>;
  /** Keep an equality index (the emulator's `$filter` fast path; a key column in Dataverse). */
  readonly indexed?: boolean;
}

export interface SolutionKey {
  /** Schema name of the alternate key. */
  readonly name: string;
  readonly displayName: string;
  readonly columns: readonly string[];
}

export interface SolutionTable {
  /** Logical name of the (standard) table the solution extends. */
  readonly table: string;
  /** Name as written in customizations.xml `<Entity><Name>` (the schema name, e.g. `Contact`). */
  readonly schemaName: string;
  readonly columns: readonly SolutionColumn[];
  readonly keys: readonly SolutionKey[];
}

const syncColumns = (record: string): SolutionColumn[] => [
  { name: 'clar_loyaltypoints', type: 'Integer', displayName: 'Loyalty points', description: `Loyalty balance of the ${record} in Clarity (mirrored)`, minValue: 0, maxValue: 2147483647 },
  { name: 'clar_loyaltytier', type: 'String', displayName: 'Loyalty tier', description: `Loyalty tier of the ${record} in Clarity (mirrored)`, maxLength: 50 },
  {
    name: 'clar_syncstatus',
    type: 'Picklist',
    displayName: 'Clarity sync status',
    description: 'Outcome of the last synchronisation with Clarity',
    options: { [SYNC_STATUS.synced]: 'Synced', [SYNC_STATUS.pending]: 'Pending', [SYNC_STATUS.error]: 'Error' },
  },
  { name: 'clar_lastsyncedon', type: 'DateTime', displayName: 'Last synced with Clarity', description: 'When the connector last wrote this record' },
  { name: 'clar_syncerror', type: 'Memo', displayName: 'Clarity sync error', description: 'Reason of the last failed synchronisation', maxLength: 4000 },
];

const clarityId = (name: string, what: string): SolutionColumn => ({
  name,
  type: 'String',
  displayName: `Clarity ${what} id`,
  description: `Identifier of the ${what} in Clarity (alternate key)`,
  maxLength: 100,
  indexed: true,
});

const syncError: SolutionColumn = { name: 'clar_syncerror', type: 'Memo', displayName: 'Clarity sync error', description: 'Reason of the last failed synchronisation', maxLength: 4000 };

export const SOLUTION_TABLES: readonly SolutionTable[] = [
  {
    table: 'contact',
    schemaName: 'Contact',
    columns: [clarityId('clar_clarityid', 'customer'), ...syncColumns('contact')],
    keys: [{ name: 'clar_contact_clarityid', displayName: 'Clarity customer id', columns: ['clar_clarityid'] }],
  },
  {
    table: 'account',
    schemaName: 'Account',
    columns: [clarityId('clar_clarityid', 'company'), ...syncColumns('account')],
    keys: [{ name: 'clar_account_clarityid', displayName: 'Clarity company id', columns: ['clar_clarityid'] }],
  },
  {
    table: 'salesorder',
    schemaName: 'SalesOrder',
    columns: [clarityId('clar_clarityorderid', 'order'), syncError],
    keys: [{ name: 'clar_salesorder_clarityorderid', displayName: 'Clarity order id', columns: ['clar_clarityorderid'] }],
  },
  {
    table: 'incident',
    schemaName: 'Incident',
    columns: [clarityId('clar_clarityreturnid', 'return')],
    keys: [{ name: 'clar_incident_clarityreturnid', displayName: 'Clarity return id', columns: ['clar_clarityreturnid'] }],
  },
  {
    // Products are keyed by SKU = productnumber, a standard String column: Dataverse allows alternate keys on
    // standard columns of a supported type, so the key ships with the solution like the others.
    table: 'product',
    schemaName: 'Product',
    columns: [clarityId('clar_clarityproductid', 'product')],
    keys: [{ name: 'clar_product_productnumber', displayName: 'Product number (SKU)', columns: ['productnumber'] }],
  },
];
