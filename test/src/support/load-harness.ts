import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClarityClient } from '../../../plugin-proxy/src/clients/clarity';
import { createDataverseClient } from '../../../plugin-proxy/src/clients/dataverse';
import { DEFAULT_MAPPINGS_DIR } from '../../../plugin-proxy/src/config';
import type { FlowDeps } from '../../../plugin-proxy/src/flows/deps';
import { createLogger } from '../../../plugin-proxy/src/logger';
import { loadMappings } from '../../../plugin-proxy/src/mapping';
import { openStore } from '../../../plugin-proxy/src/store/open-store';
import type { Store } from '../../../plugin-proxy/src/store/types';
import { buildClarityEmulator, type ClarityEmulator } from '../../../sandbox/src/clarity';
import { startDataverse, type RunningDataverse } from '../../../sandbox/src/dataverse/test-support/harness';

export interface LoadHarness {
  dv: RunningDataverse;
  clarity: ClarityEmulator;
  store: Store;
  /** The clients and store the load and reconcile commands get, on a temp SQLite file. */
  deps: FlowDeps;
  close(): Promise<void>;
}

/**
 * Both emulators (no limits) and the load commands' dependencies, with no proxy and no webhooks registered: what
 * changes on one side reaches the other only through what the test runs.
 */
export async function startLoadHarness(): Promise<LoadHarness> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'load-'));
  const dv = await startDataverse({ limits: false });
  const clarity = await buildClarityEmulator({ rateLimit: false });
  const clarityUrl = await clarity.app.listen({ port: 0, host: '127.0.0.1' });
  const store = await openStore({ sqliteFile: path.join(dir, 'store.db') });
  const port = new URL(dv.url).port;
  const deps: FlowDeps = {
    store,
    dataverse: createDataverseClient({ url: dv.url, authority: `https://localhost:${port}/sandbox`, clientId: 'sandbox-connector', clientSecret: 'sandbox-secret', ca: dv.caPem }),
    clarity: createClarityClient({ baseUrl: `${clarityUrl}/api/v1`, apiKey: 'clr_test_sandbox' }),
    mappings: loadMappings(DEFAULT_MAPPINGS_DIR),
    now: () => new Date(),
    logger: createLogger({ level: 'error' }),
  };
  return {
    dv,
    clarity,
    store,
    deps,
    async close() {
      await Promise.allSettled([deps.dataverse.close(), deps.clarity.close()]);
      await store.close();
      await clarity.close();
      await dv.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
