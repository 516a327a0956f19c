/**
 * Test support: is the test PostgreSQL reachable? Jest registers tests synchronously, so the probe runs in a
 * child process (spawnSync) before the suite decides between running, skipping, or failing loudly under CI.
 */
import { spawnSync } from 'node:child_process';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function probePostgres(url: string = TEST_DATABASE_URL): { ok: true } | { ok: false; reason: string } {
  const script = `
    const { Client } = require('pg');
    const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.query('SELECT 1')).then(() => c.end()).then(
      () => process.exit(0),
      (e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script, url], { encoding: 'utf8', timeout: 10_000, cwd: __dirname });
  return r.status === 0 ? { ok: true } : { ok: false, reason: (r.stderr || r.error?.message || `exit ${r.status}`).trim() };
}
