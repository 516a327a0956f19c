/**
 * `npm run bench`: every benchmark in this folder, one after the other, each printing ratios against a
 * baseline measured in the same run. Timing targets live here, never in the unit tests. Arguments go to every
 * benchmark; with `--json` the throughput scenarios' JSON objects (issue #4's keys: scenario, baseline_rps,
 * connector_rps, ratio, ceiling_rps, ceiling_pct, peak_rss_mb, failed) are repeated together as the very last line.
 * Benchmarks of another kind (the control render) print their own JSON line in their section only.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const benches = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).sort();

function run(file: string): Promise<{ ok: boolean; lastLine: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', path.join(__dirname, file), ...args], { stdio: ['inherit', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-64 * 1024);
    });
    child.on('close', (code) => resolve({ ok: code === 0, lastLine: tail.trimEnd().split('\n').pop() ?? '' }));
  });
}

async function main(): Promise<void> {
  let failed = 0;
  const json: string[] = [];
  for (const file of benches) {
    console.log(`\n## ${file}`);
    const { ok, lastLine } = await run(file);
    if (!ok) failed++;
    else if (lastLine.startsWith('{') && lastLine.includes('"baseline_rps"')) json.push(lastLine);
  }
  if (args.includes('--json') && json.length > 0) console.log(json.join(' '));
  process.exit(failed ? 1 : 0);
}

void main();
