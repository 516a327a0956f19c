#!/usr/bin/env node
// Production build of every control with pcf-scripts. pcf-scripts exits 0 even when the manifest or the
// TypeScript is wrong, so success is "[build] Succeeded" in its output, nothing else. Prints bundle sizes.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTROLS } from './sync-version.mjs';

const pcfRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = (await import('node:module')).createRequire(import.meta.url);
const pcfScripts = join(dirname(require.resolve('pcf-scripts/package.json')), 'bin', 'pcf-scripts.js');
const env = { ...process.env, PP_TOOLS_TELEMETRY_OPTOUT: '1' };

function run(cwd, args) {
  const r = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status ?? 1, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function sizes(dir, prefix = '') {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sizes(p, `${prefix}${name}/`));
    else out.push([`${prefix}${name}`, statSync(p).size]);
  }
  return out;
}

// `--out-root <dir>` builds into <dir>/<Control>/ instead of <Control>/out/controls/<Control>/ (the int test uses
// it so it never cleans the output the solution packer's tests may be reading at the same time).
const args = process.argv.slice(2);
const outRootAt = args.indexOf('--out-root');
const outRoot = outRootAt >= 0 ? args[outRootAt + 1] : undefined;
const only = args.filter((a, i) => !a.startsWith('-') && (outRootAt < 0 || i !== outRootAt + 1));
let failed = 0;
for (const control of only.length ? only : CONTROLS) {
  const cwd = join(pcfRoot, control);
  const started = Date.now();
  // Clean first: a stale out/ would otherwise hide a failed build. (`rebuild` prints "[rebuild] Succeeded".)
  const outDir = outRoot ? resolve(outRoot, control) : join(cwd, 'out', 'controls', control);
  // Always explicit (no pcfconfig.json outDir, which pcf-scripts would refuse to see overridden).
  const outArgs = ['--outDir', outDir];
  run(cwd, [pcfScripts, 'clean', '--noColor', 'true', ...outArgs]);
  const { status, output } = run(cwd, [pcfScripts, 'build', '--buildMode', 'production', '--noColor', 'true', ...outArgs]);
  if (status !== 0 || !output.includes('[build] Succeeded') || !existsSync(join(outDir, 'bundle.js'))) {
    failed += 1;
    process.stdout.write(output);
    process.stderr.write(`\n${control}: pcf-scripts build FAILED (no "[build] Succeeded")` + '\n');
    continue;
  }
  process.stdout.write(`${control}: [build] Succeeded in ${((Date.now() - started) / 1000).toFixed(1)} s → ${outDir}` + '\n');
  for (const [file, size] of sizes(outDir)) process.stdout.write(`  ${file.padEnd(40)} ${(size / 1024).toFixed(1).padStart(8)} KiB` + '\n');
}
if (failed) process.exit(1);

// The whole workspace (tests, test doubles) type-checked too: the root tsconfig leaves pcf-controls out, and
// ManifestTypes.d.ts only exists once the builds above have generated it.
const tsc = run(pcfRoot, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json']);
if (tsc.status !== 0) {
  process.stdout.write(tsc.output);
  process.stderr.write('pcf-controls: type check FAILED\n');
  process.exit(1);
}
process.stdout.write('pcf-controls: type check passed\n');
