import type { ColumnDef, StateDef } from '../types';

/** Columns every table has (audit columns), read-only for callers. */
export function auditColumns(): ColumnDef[] {
  return [
    { name: 'createdon', type: 'DateTime', validForCreate: false, validForUpdate: false },
    { name: 'modifiedon', type: 'DateTime', validForCreate: false, validForUpdate: false },
    { name: 'createdby', type: 'Lookup', targets: ['systemuser'], validForCreate: false, validForUpdate: false },
    { name: 'modifiedby', type: 'Lookup', targets: ['systemuser'], validForCreate: false, validForUpdate: false },
    { name: 'versionnumber', type: 'BigInt', validForCreate: false, validForUpdate: false },
  ];
}

/** Owner column of user-owned tables; defaults to the caller (SystemRequired, filled by the platform). */
export function ownerColumns(): ColumnDef[] {
  return [{ name: 'ownerid', type: 'Owner', targets: ['systemuser'], navigation: { systemuser: 'ownerid' }, required: 'SystemRequired' }];
}

export function primaryKey(name: string): ColumnDef {
  return { name, type: 'Uniqueidentifier', required: 'SystemRequired', validForUpdate: false };
}

/** statecode/statuscode columns derived from the state table. */
export function stateColumns(states: readonly StateDef[]): ColumnDef[] {
  const stateOptions: Record<number, string> = {};
  const statusOptions: Record<number, string> = {};
  for (const s of states) {
    stateOptions[s.state] = s.label;
    Object.assign(statusOptions, s.statuses);
  }
  return [
    { name: 'statecode', type: 'State', options: stateOptions, required: 'SystemRequired', validForCreate: false },
    { name: 'statuscode', type: 'Status', options: statusOptions },
  ];
}

/** The common Active/Inactive pair used by contact, account and most tables. */
export const ACTIVE_INACTIVE: readonly StateDef[] = [
  { state: 0, label: 'Active', defaultStatus: 1, statuses: { 1: 'Active' } },
  { state: 1, label: 'Inactive', defaultStatus: 2, statuses: { 2: 'Inactive' } },
];

export const YES_NO = { 0: 'No', 1: 'Yes' } as const;
