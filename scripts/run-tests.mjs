#!/usr/bin/env node
// `npm test`: static checks first (typecheck, lint), then the whole Jest suite.
// The last line printed is always the plain "N passed, N failed" summary that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;
const extra = process.argv.slice(2);

for (const [name, args] of [['typecheck', ['run', 'typecheck']], ['lint', ['run', 'lint']]]) {
  if (run('npm', args) !== 0) {
    process.stdout.write(`\n${name} failed: fix it before the tests run\n0 passed, 1 failed\n`);
    process.exit(1);
  }
}

mkdirSync('.tmp', { recursive: true });
const results = '.tmp/jest-results.json';
rmSync(results, { force: true });
const status = run('npx', ['jest', '--json', `--outputFile=${results}`, ...extra]);
if (!existsSync(results)) {
  process.stdout.write('\njest did not report results\n0 passed, 1 failed\n');
  process.exit(status || 1);
}
const r = JSON.parse(readFileSync(results, 'utf8'));
const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
const skipped = r.numPendingTests + r.numTodoTests;
process.stdout.write(`\n${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(status !== 0 || failed > 0 || r.numPassedTests === 0 ? 1 : 0);
