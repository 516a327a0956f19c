/**
 * Rows every Dataverse org has before anyone registers a webhook: the `sdkmessage` catalogue entries for
 * Create/Update/Delete and an `sdkmessagefilter` per (message, table), so a registration tool can look them up
 * exactly as FUSEBIT does (`sdkmessages?$filter=name eq 'Create'`,
 * `sdkmessagefilters?$filter=primaryobjecttypecode eq 'contact' and _sdkmessageid_value eq …`; spec §6.1).
 */
import { nameBasedGuid } from '../../common/guid';
import type { MessageName } from '../pipeline/types';
import type { DataverseStore, EntityRecord } from '../store/types';

/** Platform message ids are identical in every org (Microsoft Learn "Use messages with the SDK for .NET"). */
export const SDK_MESSAGE_IDS: Readonly<Record<MessageName, string>> = {
  Create: '9ebdbb1b-ea3e-db11-86a7-000a3a5473e8',
  Update: '20bebb1b-ea3e-db11-86a7-000a3a5473e8',
  Delete: 'a1bdbb1b-ea3e-db11-86a7-000a3a5473e8',
};

/** Filter ids the same doc prints for `account`; other tables get name-based ids (stable across runs). */
const KNOWN_FILTER_IDS: Readonly<Record<string, string>> = {
  'Create:account': 'c2c5bb1b-ea3e-db11-86a7-000a3a5473e8',
  'Update:account': '23c9bb1b-ea3e-db11-86a7-000a3a5473e8',
  'Delete:account': '2bc6bb1b-ea3e-db11-86a7-000a3a5473e8',
};

export { nameBasedGuid };

export function sdkMessageFilterId(message: MessageName, table: string): string {
  return KNOWN_FILTER_IDS[`${message}:${table}`] ?? nameBasedGuid(`sdkmessagefilter:${message}:${table}`);
}

export const SEEDED_MESSAGES: readonly MessageName[] = ['Create', 'Update', 'Delete'];

export interface SeedOptions {
  /** Audit timestamp of the seeded rows (ISO without milliseconds); defaults to now. */
  readonly createdOn?: string;
}

function audit(createdOn: string): EntityRecord {
  return { createdon: createdOn, modifiedon: createdOn, createdby: null, modifiedby: null };
}

/** Idempotent: rows already present (same id) are left alone. Returns the filter ids by `${message}:${table}`. */
export function seedWebhookMessages(store: DataverseStore, tables: readonly string[], options: SeedOptions = {}): Map<string, string> {
  const createdOn = options.createdOn ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const message of SEEDED_MESSAGES) {
    const id = SDK_MESSAGE_IDS[message];
    if (store.get('sdkmessage', id)) continue;
    store.insert('sdkmessage', {
      sdkmessageid: id,
      name: message,
      categoryname: message,
      isprivate: false,
      isreadonly: false,
      autotransact: true,
      availability: 0,
      isvalidforexecuteasync: true,
      workflowsdkstepenabled: true,
      ...audit(createdOn),
    });
  }
  const ids = new Map<string, string>();
  for (const table of tables)
    for (const message of SEEDED_MESSAGES) {
      const id = sdkMessageFilterId(message, table);
      ids.set(`${message}:${table}`, id);
      if (store.get('sdkmessagefilter', id)) continue;
      store.insert('sdkmessagefilter', {
        sdkmessagefilterid: id,
        name: null,
        sdkmessageid: { id: SDK_MESSAGE_IDS[message], logicalName: 'sdkmessage' },
        primaryobjecttypecode: table,
        secondaryobjecttypecode: 'none',
        availability: 0,
        iscustomprocessingstepallowed: true,
        isvisible: true,
        workflowsdkstepenabled: true,
        ...audit(createdOn),
      });
    }
  return ids;
}
