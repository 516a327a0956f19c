/** FlowDeps for the load and reconcile commands, from the proxy's own configuration (same store, same clients). */
import path from 'node:path';
import { clientsFrom } from '../clients/from-config';
import type { Config } from '../config';
import type { FlowDeps } from '../flows/deps';
import { createLogger } from '../logger';
import { loadMappings } from '../mapping';
import { openStore } from '../store/open-store';

export async function openFlowDeps(config: Readonly<Config>): Promise<FlowDeps & { close(): Promise<void> }> {
  const logger = createLogger({ level: config.LOG_LEVEL, base: { service: 'plugin-proxy-load' } });
  const mappings = loadMappings(config.MAPPINGS_DIR);
  const store = await openStore({ databaseUrl: config.DATABASE_URL, sqliteFile: path.resolve(config.SQLITE_FILE) });
  const { dataverse, clarity } = clientsFrom(config);
  return {
    store, dataverse, clarity, mappings, logger, now: () => new Date(),
    async close() {
      await Promise.allSettled([dataverse.close(), clarity.close()]);
      await store.close();
    },
  };
}
