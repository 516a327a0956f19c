#!/usr/bin/env node
// Writes the root package.json version into every control manifest (control and resx versions), so one
// number flows into both controls. `--check` only reports a mismatch (exit 1). Run before every build.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pcfRoot = join(here, '..');
export const CONTROLS = ['OrderHistory', 'LoyaltyCard'];

export function rootVersion() {
  return JSON.parse(readFileSync(join(pcfRoot, '..', 'package.json'), 'utf8')).version;
}

/** Dataverse wants a numeric x.y.z control version: drop any pre-release suffix. */
export function manifestVersion(v) {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v);
  if (!m) throw new Error(`root package.json version "${v}" is not x.y.z`);
  return `${m[1]}.${m[2]}.${m[3]}`;
}

export function withVersion(xml, version) {
  return xml
    .replace(/(<control\b[^>]*\bversion=")[^"]*(")/, `$1${version}$2`)
    .replace(/(<resx\b[^>]*\bversion=")[^"]*(")/g, `$1${version}$2`);
}

export function manifestPath(control) {
  return join(pcfRoot, control, 'ControlManifest.Input.xml');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const version = manifestVersion(rootVersion());
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const control of CONTROLS) {
    const file = manifestPath(control);
    const xml = readFileSync(file, 'utf8');
    const next = withVersion(xml, version);
    if (next === xml) continue;
    stale += 1;
    if (check) process.stderr.write(`${control}: manifest version differs from ${version}` + '\n');
    else {
      writeFileSync(file, next);
      process.stdout.write(`${control}: manifest version set to ${version}` + '\n');
    }
  }
  if (check && stale) process.exit(1);
}
