#!/usr/bin/env node
// `npm test`: static checks first (typecheck, lint), then the whole Jest suite.
// The last line printed is always the plain "N passed, N failed" summary that CI reads.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;
const extra = process.argv.slice(2);

for (const [name, args] of [['typecheck', ['run', 'typecheck']], ['lint', ['run', 'lint']]]) {
  if (run('npm', args) !== 0) {
    process.stdout.write(`\n${name} failed: fix it before the tests run\n0 passed, 1 failed\n`);
    process.exit(1);
  }
}
process.exit(run('npx', ['jest', ...extra]));
