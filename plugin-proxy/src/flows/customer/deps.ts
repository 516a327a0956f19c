import type { Logger } from 'pino';
import type { ClarityClient } from '../../clients/clarity';
import type { DataverseClient } from '../../clients/dataverse';
import type { MappingSet } from '../../mapping';
import type { Store } from '../../store/types';

/** What the customer flow needs; built once at start-up and shared by its handlers. */
export interface CustomerFlowDeps {
  store: Store;
  dataverse: DataverseClient;
  clarity: ClarityClient;
  mappings: MappingSet;
  now: () => Date;
  logger: Logger;
}

export const MAPPINGS = {
  customerToContact: 'customer-to-contact',
  contactToCustomer: 'contact-to-customer',
  companyToAccount: 'company-to-account',
  accountToCompany: 'account-to-company',
} as const;

/** Option values of clar_syncstatus (sandbox/…/connector-schema.ts, the solution's choice values). */
export const SYNC_STATUS = { synced: 812400000, pending: 812400001, error: 812400002 } as const;
