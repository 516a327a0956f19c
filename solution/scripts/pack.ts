/**
 * `npm run build:solution` — packs solution/dist/ClarityConnect_<version>_{managed,unmanaged}.zip from the
 * unpacked source (solution/src), the PCF build outputs (pcf-controls/<Ctor>/out/controls/<Ctor>/) and the
 * web resources (webresources/dist: clar_/scripts/clarity.js, clar_/auth/redirect.html).
 *
 *   --allow-missing-controls   pack without the PCF controls that are not built (the zip then lacks them)
 *   --repack <dir> --out <zip> re-zip an extracted solution folder deterministically (round-trip check)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { controlOutDir, loadControls, loadSource, readTree, REPO_ROOT, webResourcePath } from '../src/load';
import { WEB_RESOURCES, type WebResourceName } from '../src/names';
import { packageParts, solutionVersion, zipName } from '../src/package-parts';
import { deterministicZip } from '../src/zip';

function fail(message: string): never {
  process.stderr.write(`build:solution: ${message}\n`);
  process.exit(1);
}

function main(argv: string[]): void {
  const repack = argv.indexOf('--repack');
  if (repack >= 0) {
    const dir = argv[repack + 1];
    const out = argv[argv.indexOf('--out') + 1];
    if (!dir || !out || !argv.includes('--out')) fail('usage: --repack <extracted dir> --out <zip>');
    writeFileSync(out, deterministicZip(readTree(dir)));
    process.stdout.write(`${out}\n`);
    return;
  }
  const { version: npmVersion } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const version = solutionVersion(npmVersion);
  const controls = loadControls();
  if (controls.missing.length && !argv.includes('--allow-missing-controls')) {
    fail(
      `PCF control build output missing: ${controls.missing.map((c) => path.relative(REPO_ROOT, controlOutDir(REPO_ROOT, c))).join(', ')}.\n` +
        'Run the PCF build first (npm run build -w pcf-controls), or pass --allow-missing-controls for a zip without them.',
    );
  }
  const webResources = new Map<WebResourceName, Uint8Array>();
  for (const { name } of WEB_RESOURCES) {
    const file = webResourcePath(name);
    if (!existsSync(file)) fail(`${path.relative(REPO_ROOT, file)} is missing: run npm run build -w webresources first.`);
    webResources.set(name, readFileSync(file));
  }
  const dist = path.join(REPO_ROOT, 'solution/dist');
  mkdirSync(dist, { recursive: true });
  for (const managed of [false, true]) {
    const parts = packageParts({ source: loadSource(), version, managed, controls: controls.present, webResources });
    const file = path.join(dist, zipName(version, managed));
    writeFileSync(file, deterministicZip(parts));
    process.stdout.write(`${path.relative(REPO_ROOT, file)} (${parts.size} parts${controls.missing.length ? `, without ${controls.missing.join(', ')}` : ''})\n`);
  }
}

main(process.argv.slice(2));
