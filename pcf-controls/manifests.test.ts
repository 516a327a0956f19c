/** Manifests, versions, resx and pins: the things pcf-scripts does not check (or checks with exit code 0). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOYALTY_CARD_STRINGS } from './LoyaltyCard/strings';
import { ORDER_HISTORY_STRINGS } from './OrderHistory/strings';

const here = __dirname;
const rootVersion: string = JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')).version;
const CONTROLS = { OrderHistory: ORDER_HISTORY_STRINGS, LoyaltyCard: LOYALTY_CARD_STRINGS } as const;

const read = (...p: string[]) => readFileSync(join(here, ...p), 'utf8');
const attrs = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}\\b([^>]*)/?>`, 'g'))].map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));
const resxKeys = (xml: string) => new Set([...xml.matchAll(/<data name="([^"]+)"/g)].map((m) => m[1]!));

describe.each(Object.entries(CONTROLS))('%s manifest', (name, strings) => {
  const xml = read(name, 'ControlManifest.Input.xml');
  const control = attrs(xml, 'control')[0]!;

  it('carries the root package.json version (control and every resx)', () => {
    expect(control.version).toBe(rootVersion.replace(/[-+].*$/, ''));
    for (const r of attrs(xml, 'resx')) expect(r.version).toBe(control.version);
  });

  it('is a virtual React control in the Clarity namespace on the platform libraries, using the Web API', () => {
    expect(control).toMatchObject({ namespace: 'Clarity', constructor: name, 'control-type': 'virtual' });
    expect(attrs(xml, 'platform-library')).toEqual([
      { name: 'React', version: '16.14.0' },
      { name: 'Fluent', version: '8.29.0' },
    ]);
    expect(attrs(xml, 'uses-feature')).toContainEqual({ name: 'WebAPI', required: 'true' });
    expect(attrs(xml, 'property').map((p) => `${p.name}:${p.usage}`)).toEqual(expect.arrayContaining(['hostField:bound', 'proxyBaseUrl:input', 'tokenUrl:input']));
    // One export, the constructor the manifest names; ReactControlAdapter implements ComponentFramework.ReactControl (typechecked).
    expect(read(name, 'index.ts')).toMatch(new RegExp(`export class ${name} extends ReactControlAdapter<`));
  });

  it('has no apostrophes in attribute values (server-side import rejects them)', () => {
    for (const tag of ['control', 'property']) for (const a of attrs(xml, tag)) for (const v of Object.values(a)) expect(v).not.toContain("'");
  });

  it('ships an English and a German resx that hold every manifest key and every string the component uses', () => {
    const files = attrs(xml, 'resx').map((r) => r.path!);
    expect(files).toEqual([`strings/${name}.1033.resx`, `strings/${name}.1031.resx`]);
    const manifestKeys = [...xml.matchAll(/(?:display-name-key|description-key)="([^"]+)"/g)].map((m) => m[1]!);
    for (const file of files) {
      expect(existsSync(join(here, name, file))).toBe(true);
      const keys = resxKeys(read(name, file));
      expect([...manifestKeys, ...Object.keys(strings)].filter((k) => !keys.has(k))).toEqual([]);
    }
    for (const css of attrs(xml, 'css')) expect(existsSync(join(here, name, css.path!))).toBe(true);
  });
});

describe('versions and pins', () => {
  it('sync-version --check agrees that every manifest matches the root version', () => {
    const r = spawnSync(process.execPath, [join(here, 'scripts', 'sync-version.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('pins the platform library and tool versions exactly', () => {
    const pkg = JSON.parse(read('package.json'));
    const all: Record<string, string> = { ...pkg.dependencies, ...pkg.devDependencies };
    expect(Object.entries(all).filter(([, v]) => !/^\d+\.\d+\.\d+$/.test(v))).toEqual([]);
    expect(all).toMatchObject({ react: '16.14.0', 'react-dom': '16.14.0', '@fluentui/react': '8.29.0', 'pcf-scripts': '1.51.1', '@testing-library/react': '12.1.5' });
    expect(all.typescript).toMatch(/^5\./);
    expect(all.eslint).toMatch(/^9\./);
    expect(all['@types/react']).toMatch(/^16\./);
    expect(all['@types/react-dom']).toMatch(/^16\.9\./);
  });
});
