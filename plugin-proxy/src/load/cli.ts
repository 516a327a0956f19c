/**
 * `npm run load`, `npm run reconcile` and `npm run catalog-sync`: the initial load / reconcile / full catalog sync
 * against the proxy's configured store and platforms (same environment as the proxy, docs/configuration.md).
 * Ctrl-C stops the load after the batch in flight; running it again resumes from the checkpoint.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { runCatalogCommand } from './catalog-command';
import { openFlowDeps } from './deps';
import { LOAD_ORDER, runInitialLoad } from './initial-load';
import { formatProgress, type LoadEntity } from './progress';
import { runReconcile } from './reconcile';

const HELP = `Usage: npm run load -- [--entities customers,products,orders] [--batch-size N] [--expect customers=10000,orders=30000]
       npm run reconcile -- [--since 2025-01-01T00:00:00Z]
       npm run catalog-sync -- [--enqueue]
`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { entities: { type: 'string' }, 'batch-size': { type: 'string' }, expect: { type: 'string' }, since: { type: 'string' }, enqueue: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) return void process.stdout.write(HELP);
  const command = positionals[0] ?? 'load';
  const deps = await openFlowDeps(loadConfig());
  try {
    if (command === 'reconcile') {
      const since = values.since ? new Date(values.since) : undefined;
      const r = await runReconcile(deps, since ? { since } : {});
      console.log(
        `reconcile: Clarity ${r.clarity.checked} checked, ${r.clarity.repaired} repaired; Dynamics ${r.dataverse.checked} checked, ${r.dataverse.repaired} repaired; ` +
          `returns ${r.returns.checked} checked, ${r.returns.repaired} repaired; ${r.failed.length} failed`,
      );
      for (const f of r.failed) console.log(`  failed ${f.side} ${f.id}: ${f.error}`);
      if (r.failed.length) process.exitCode = 1;
      return;
    }
    if (command === 'catalog') {
      if ((await runCatalogCommand(deps, { enqueue: values.enqueue })).failed) process.exitCode = 1;
      return;
    }
    if (command !== 'load') throw new Error(`unknown command '${command}'\n${HELP}`);
    const entities = values.entities ? (values.entities.split(',').map((e) => e.trim()) as LoadEntity[]) : undefined;
    for (const e of entities ?? []) if (!LOAD_ORDER.includes(e)) throw new Error(`unknown entity '${e}' (customers, products, orders)`);
    const totals: Partial<Record<LoadEntity, number>> = {};
    for (const pair of values.expect?.split(',') ?? []) {
      const [name, n] = pair.split('=');
      if (name && n) totals[name.trim() as LoadEntity] = Number(n);
    }
    const controller = new AbortController();
    process.once('SIGINT', () => {
      process.stderr.write('\nstopping after the batch in flight (run again to resume)…\n');
      controller.abort();
    });
    const tty = process.stdout.isTTY;
    let current: LoadEntity | undefined;
    const summary = await runInitialLoad(deps, {
      ...(entities ? { entities } : {}),
      ...(values['batch-size'] ? { batchSize: Number(values['batch-size']) } : {}),
      totals,
      signal: controller.signal,
      onProgress: (p) => {
        if (tty && current === p.entity) process.stdout.write(`\r\x1b[2K${formatProgress(p)}`);
        else process.stdout.write(`${tty && current ? '\n' : ''}${formatProgress(p)}${tty ? '' : '\n'}`);
        current = p.entity;
      },
    });
    if (tty && current) process.stdout.write('\n');
    for (const f of summary.failed.slice(0, 20)) console.log(`  failed ${f.entity} ${f.id}: ${f.error}`);
    if (summary.failed.length > 20) console.log(`  … and ${summary.failed.length - 20} more`);
    console.log(summary.aborted ? 'load interrupted: run it again to resume' : 'load complete');
    if (summary.failed.length) process.exitCode = 1;
  } finally {
    await deps.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
