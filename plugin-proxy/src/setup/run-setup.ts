import type { ClarityClient } from '../clients/clarity';
import type { DataverseClient } from '../clients/dataverse';
import type { InventoryDirection } from '../config';
import type { MappingSet } from '../mapping';
import { subscribeClarity, type SubscriptionResult } from './clarity-subscription';
import { registerDataverseWebhooks, type RegistrationReport } from './dataverse-registration';

export interface SetupInput {
  dataverse: DataverseClient;
  clarity: ClarityClient;
  mappings: MappingSet;
  /** How Dataverse and Clarity reach the proxy, e.g. https://connector.contoso.com */
  publicUrl: string;
  dataverseWebhookKey: string;
  rotateClaritySecret?: boolean;
  /** INVENTORY_DIRECTION: `both` registers the product Update step (quantity on hand back to Clarity). */
  inventoryDirection?: InventoryDirection;
}

export interface SetupReport {
  dataverse: RegistrationReport;
  clarity: SubscriptionResult;
}

/** Columns a mapping reads from Dataverse: what an Update step should be filtered to (connector-owned ones aside). */
export function filteringAttributes(mappings: MappingSet, mappingName: string, extra: string[] = []): string[] {
  const columns = Object.keys(mappings.get(mappingName).policies)
    .map((key) => key.replace(/@odata\.bind$/, '').replace(/_(account|contact)$/, ''))
    .filter((column) => !column.startsWith('clar_'));
  return [...new Set([...columns, ...extra])].sort();
}

/** Everything the connector needs registered on both platforms; safe to run again at any time. */
export async function runSetup(input: SetupInput): Promise<SetupReport> {
  const base = input.publicUrl.replace(/\/+$/, '');
  const dataverse = await registerDataverseWebhooks(input.dataverse, {
    webhookUrl: `${base}/webhooks/dataverse`,
    webhookKey: input.dataverseWebhookKey,
    filteringAttributes: {
      contact: filteringAttributes(input.mappings, 'customer-to-contact'),
      account: filteringAttributes(input.mappings, 'company-to-account'),
    },
    inventoryToClarity: input.inventoryDirection === 'both',
  });
  const clarity = await subscribeClarity(input.clarity, `${base}/webhooks/clarity`, { rotate: input.rotateClaritySecret });
  return { dataverse, clarity };
}
