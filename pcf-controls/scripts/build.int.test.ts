/**
 * Runs the real production build once (both controls, ~15 s on 2 cores) and checks what the solution packer
 * consumes. scripts/build.mjs itself fails unless pcf-scripts printed "[build] Succeeded". It builds into a temporary
 * folder so it never cleans <Control>/out/ while another suite (the solution packer's) reads it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pcfRoot = join(__dirname, '..');

describe('pcf-controls production build', () => {
  it('builds both controls with pcf-scripts, offline and without telemetry', () => {
    const outRoot = mkdtempSync(join(tmpdir(), 'pcf-build-'));
    try {
      check(outRoot);
    } finally {
      rmSync(outRoot, { recursive: true, force: true });
    }
  }, 120_000);
});

function check(outRoot: string): void {
  const r = spawnSync(process.execPath, [join(pcfRoot, 'scripts', 'build.mjs'), '--out-root', outRoot], { cwd: pcfRoot, encoding: 'utf8', env: { ...process.env, PP_TOOLS_TELEMETRY_OPTOUT: '1' } });
  expect(`${r.stdout}${r.stderr}`).toContain('OrderHistory: [build] Succeeded');
  expect(r.stdout).toContain('LoyaltyCard: [build] Succeeded');
  expect(r.stdout).toContain('pcf-controls: type check passed');
  expect(r.status).toBe(0);
  const version = JSON.parse(readFileSync(join(pcfRoot, '..', 'package.json'), 'utf8')).version;
  for (const name of ['OrderHistory', 'LoyaltyCard']) {
    const out = join(outRoot, name);
    for (const f of ['ControlManifest.xml', 'bundle.js', `css/${name}.css`, `strings/${name}.1033.resx`, `strings/${name}.1031.resx`]) expect(existsSync(join(out, f))).toBe(true);
    const manifest = readFileSync(join(out, 'ControlManifest.xml'), 'utf8');
    expect(manifest).toContain(`constructor="${name}"`);
    expect(manifest).toContain(`version="${version}"`);
    expect(manifest).toContain('<code path="bundle.js"');
    const bundle = readFileSync(join(out, 'bundle.js'), 'utf8');
    // React and Fluent come from the platform, not the bundle.
    expect(bundle).toContain('Reactv16');
    expect(bundle).toContain('FluentUIReactv8290');
    // MSAL.js is bundled (single sign-on, ~290 KiB minified); React and Fluent would add over 1 MiB more.
    expect(bundle).toContain('msal.js.browser');
    expect(statSync(join(out, 'bundle.js')).size).toBeLessThan(512 * 1024);
  }
}
