import path from 'node:path';
import { buildClarityEmulator, type ClarityEmulator } from './clarity';
import { listenDual, writeCaFile } from './common';
import type { SandboxConfig } from './config';
import { buildDataverseEmulator, localOrigins, type DataverseEmulator } from './dataverse/app';
import { seedDataverseRows } from './dataverse/demo-seed';
import { scaledLimits } from './dataverse/limits';
import { generateDemoData, type DemoData } from './demo';

export interface RunningSandbox {
  dataverse: DataverseEmulator;
  clarity: ClarityEmulator;
  dataverseUrl: string;
  dataverseHttpsUrl: string;
  clarityUrl: string;
  caFile: string;
  demo: DemoData;
  close(): Promise<void>;
}

/**
 * Starts both emulators with deterministic demo data: Clarity fully seeded, Dataverse partly (the CRM rows
 * that existed before the connector, including contacts that duplicate Clarity customers by email).
 */
export async function startSandbox(config: SandboxConfig, log: (line: string) => void = () => undefined): Promise<RunningSandbox> {
  const demo = generateDemoData({ customers: config.SANDBOX_CUSTOMERS, seed: config.SANDBOX_SEED });
  const logger = config.SANDBOX_LOG_LEVEL === 'silent' ? false : { level: config.SANDBOX_LOG_LEVEL };
  const dataverse = await buildDataverseEmulator({ logger, limits: config.SANDBOX_LIMIT_SCALE < 1 ? scaledLimits(config.SANDBOX_LIMIT_SCALE) : {} });
  const seeded = seedDataverseRows(dataverse, demo.dataverse);
  log(`Dataverse: seeded ${seeded.accounts} accounts and ${seeded.contacts} contacts (CRM data that predates the connector)`);
  const clarity = await buildClarityEmulator();
  clarity.state.seed(demo.clarity);
  const s = demo.summary;
  log(`Clarity: seeded ${s.customers} customers (${s.b2bCustomers} buying for ${s.companies} companies), ${s.orders} orders, ${s.products} products, ${s.returns} returns`);

  const dvListener = await listenDual(dataverse.app, { port: config.DATAVERSE_EMULATOR_PORT, host: config.SANDBOX_HOST });
  dataverse.setOrigins(localOrigins(dvListener.port));
  await clarity.app.listen({ port: config.CLARITY_EMULATOR_PORT, host: config.SANDBOX_HOST });
  const clarityPort = (clarity.app.server.address() as { port: number }).port;
  const caFile = await writeCaFile(path.resolve('.tmp'));
  return {
    dataverse,
    clarity,
    dataverseUrl: dvListener.httpUrl,
    dataverseHttpsUrl: dvListener.httpsUrl,
    clarityUrl: `http://${config.SANDBOX_HOST}:${clarityPort}`,
    caFile,
    demo,
    async close() {
      await Promise.allSettled([dataverse.close(), clarity.close(), dvListener.close()]);
    },
  };
}
