import { loadConfig } from './config';
import { startProxy } from './runtime';

/** The proxy service: the only place that reads the real environment and listens. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const proxy = await startProxy(config);
  console.log(`Clarity ⇄ Dynamics 365 connector listening on ${proxy.url} (store: ${proxy.store.kind})`);
  const stop = async (signal: string) => {
    proxy.logger.info({ signal }, 'shutting down');
    await proxy.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
