/**
 * `npm run bench`: every benchmark in this folder, one after the other, each printing ratios against a
 * baseline measured in the same run. Timing targets live here, never in the unit tests.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const benches = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n## ${file}`);
  const res = spawnSync('npx', ['tsx', path.join(__dirname, file), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
