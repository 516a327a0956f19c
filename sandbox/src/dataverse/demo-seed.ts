import type { DataverseEmulator } from './app';
import type { ExecutionContext } from './pipeline/types';
import type { EntityRecord } from './store/types';

/** The system administrator's execution context, for rows an org already had (imported without events). */
export function adminContext(emulator: DataverseEmulator, correlationId: string): ExecutionContext {
  const admin = [...emulator.store.all('systemuser')].find((u) => u.fullname === 'System Administrator');
  const userId = String(admin?.systemuserid);
  return { userId, initiatingUserId: userId, correlationId, requestId: correlationId, depth: 1 };
}

/**
 * Loads CRM rows that existed before the connector (accounts first: contacts point at them) as the
 * system administrator, without webhook events.
 */
export function seedDataverseRows(
  emulator: DataverseEmulator,
  rows: { accounts: EntityRecord[]; contacts: EntityRecord[]; createdOn?: string },
): { accounts: number; contacts: number } {
  const ctx = adminContext(emulator, 'seed');
  // createdon/modifiedon as of when the rows were typed in (the platform's overriddencreatedon for migrated data).
  const dated = (list: EntityRecord[]) => (rows.createdOn ? list.map((r) => ({ ...r, createdon: rows.createdOn })) : list);
  const accounts = emulator.service.importRows(emulator.registry.require('account'), dated(rows.accounts), ctx);
  const contacts = emulator.service.importRows(emulator.registry.require('contact'), dated(rows.contacts), ctx);
  return { accounts, contacts };
}
