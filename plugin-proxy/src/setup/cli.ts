import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createClarityClient } from '../clients/clarity';
import { createDataverseClient } from '../clients/dataverse';
import { DEFAULT_MAPPINGS_DIR, INVENTORY_DIRECTIONS, type InventoryDirection } from '../config';
import { loadMappings } from '../mapping';
import { runSetup } from './run-setup';

/**
 * `npm run setup -- --dataverse-url … --clarity-url … --public-url …`: registers the connector on both platforms.
 * Flags override the environment variables of the same meaning (docs/configuration.md); safe to run again.
 */
const HELP = `Usage: npm run setup -- [options]

  --dataverse-url URL      Dataverse org URL (DATAVERSE_URL), e.g. https://contoso.crm.dynamics.com
  --tenant-id ID           Entra tenant id (DATAVERSE_TENANT_ID)
  --authority URL          token authority (DATAVERSE_AUTHORITY; default https://login.microsoftonline.com/<tenant>)
  --client-id ID           app registration of the connector (DATAVERSE_CLIENT_ID)
  --client-secret SECRET   its secret (DATAVERSE_CLIENT_SECRET; prefer the environment variable)
  --ca-file PATH           extra CA certificate, for the sandbox (DATAVERSE_CA_FILE)
  --webhook-key KEY        key Dataverse sends with each webhook (DATAVERSE_WEBHOOK_KEY)
  --clarity-url URL        Clarity API base, e.g. https://shop.example.com/api/v1 (CLARITY_API_URL)
  --clarity-api-key KEY    Clarity API key (CLARITY_API_KEY)
  --public-url URL         how both platforms reach this proxy (PUBLIC_URL)
  --mappings DIR           mappings folder (MAPPINGS_DIR)
  --inventory-direction D  clarity-to-dataverse (default) or both (INVENTORY_DIRECTION): both registers the
                           product Update step that sends quantities set in Dynamics to Clarity
  --rotate-secret          ask Clarity for a new webhook secret even if the subscription exists
  --help                   this text
`;

function need(name: string, value: string | undefined): string {
  if (!value) throw new Error(`setup: ${name} is required (flag or environment variable); see --help`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'dataverse-url': { type: 'string' },
      'tenant-id': { type: 'string' },
      authority: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'ca-file': { type: 'string' },
      'webhook-key': { type: 'string' },
      'clarity-url': { type: 'string' },
      'clarity-api-key': { type: 'string' },
      'public-url': { type: 'string' },
      mappings: { type: 'string' },
      'inventory-direction': { type: 'string' },
      'rotate-secret': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void process.stdout.write(HELP);
  const env = process.env;
  const url = need('--dataverse-url', values['dataverse-url'] ?? env.DATAVERSE_URL);
  const tenant = values['tenant-id'] ?? env.DATAVERSE_TENANT_ID;
  const authority = need('--authority or --tenant-id', values.authority ?? env.DATAVERSE_AUTHORITY ?? (tenant ? `https://login.microsoftonline.com/${tenant}` : undefined));
  const caFile = values['ca-file'] ?? env.DATAVERSE_CA_FILE;
  const inventoryDirection = values['inventory-direction'] ?? env.INVENTORY_DIRECTION ?? 'clarity-to-dataverse';
  if (!(INVENTORY_DIRECTIONS as readonly string[]).includes(inventoryDirection))
    throw new Error(`setup: --inventory-direction must be one of ${INVENTORY_DIRECTIONS.join(', ')} (got '${inventoryDirection}')`);
  const dataverse = createDataverseClient({
    url,
    authority,
    clientId: need('--client-id', values['client-id'] ?? env.DATAVERSE_CLIENT_ID),
    clientSecret: need('--client-secret', values['client-secret'] ?? env.DATAVERSE_CLIENT_SECRET),
    ...(caFile ? { ca: readFileSync(caFile, 'utf8') } : {}),
  });
  const clarity = createClarityClient({
    baseUrl: need('--clarity-url', values['clarity-url'] ?? env.CLARITY_API_URL),
    apiKey: need('--clarity-api-key', values['clarity-api-key'] ?? env.CLARITY_API_KEY),
  });
  try {
    const report = await runSetup({
      dataverse,
      clarity,
      mappings: loadMappings(values.mappings ?? env.MAPPINGS_DIR ?? DEFAULT_MAPPINGS_DIR),
      publicUrl: need('--public-url', values['public-url'] ?? env.PUBLIC_URL),
      dataverseWebhookKey: need('--webhook-key', values['webhook-key'] ?? env.DATAVERSE_WEBHOOK_KEY),
      rotateClaritySecret: values['rotate-secret'],
      inventoryDirection: inventoryDirection as InventoryDirection,
    });
    console.log(`Dataverse service endpoint: ${report.dataverse.endpoint}`);
    for (const [name, change] of Object.entries(report.dataverse.steps)) console.log(`  step ${name}: ${change}`);
    console.log(`Clarity webhook subscription ${report.clarity.webhookId}: ${report.clarity.change}`);
    if (report.clarity.secret)
      console.log(`\nNew Clarity webhook secret (shown once): ${report.clarity.secret}\nAdd it to CLARITY_WEBHOOK_SECRETS (comma-separated; keep the old one for 24 h while rotating) and restart the proxy.`);
    else console.log('Clarity kept the existing webhook secret; run with --rotate-secret if the proxy does not have it.');
  } finally {
    await Promise.allSettled([dataverse.close(), clarity.close()]);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
