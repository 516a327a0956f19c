/** FlowDeps for the load and reconcile commands, from the proxy's own configuration (same store, same clients). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createClarityClient } from '../clients/clarity';
import { createDataverseClient } from '../clients/dataverse';
import type { Config } from '../config';
import type { FlowDeps } from '../flows/deps';
import { createLogger } from '../logger';
import { loadMappings } from '../mapping';
import { openStore } from '../store/open-store';

export async function openFlowDeps(config: Readonly<Config>): Promise<FlowDeps & { close(): Promise<void> }> {
  const logger = createLogger({ level: config.LOG_LEVEL, base: { service: 'plugin-proxy-load' } });
  const mappings = loadMappings(config.MAPPINGS_DIR);
  const store = await openStore({ databaseUrl: config.DATABASE_URL, sqliteFile: path.resolve(config.SQLITE_FILE) });
  const ca = config.DATAVERSE_CA_FILE ? readFileSync(config.DATAVERSE_CA_FILE, 'utf8') : undefined;
  const dataverse = createDataverseClient({
    url: config.DATAVERSE_URL,
    authority: config.DATAVERSE_AUTHORITY,
    clientId: config.DATAVERSE_CLIENT_ID,
    clientSecret: config.DATAVERSE_CLIENT_SECRET,
    ...(ca ? { ca } : {}),
  });
  const clarity = createClarityClient({
    baseUrl: config.CLARITY_API_URL,
    ...(config.CLARITY_API_KEY
      ? { apiKey: config.CLARITY_API_KEY }
      : { oauth: { tokenUrl: new URL('/oauth/token', config.CLARITY_API_URL).toString(), clientId: config.CLARITY_CLIENT_ID!, clientSecret: config.CLARITY_CLIENT_SECRET! } }),
  });
  return {
    store, dataverse, clarity, mappings, logger, now: () => new Date(),
    async close() {
      await Promise.allSettled([dataverse.close(), clarity.close()]);
      await store.close();
    },
  };
}
