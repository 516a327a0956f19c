import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { loadControls, loadSource, readTree } from './load';
import { CONTROLS, type ControlName } from './names';
import { contentTypesXml, packageParts, rootComponents, solutionVersion, zipName, type PackInput } from './package-parts';
import { hasShared, SAMPLES_DIR } from './test-support';
import { deterministicZip } from './zip';

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b).replace(/^\ufeff/, '');

function fakeControl(c: ControlName): Map<string, Uint8Array> {
  return new Map([
    ['ControlManifest.xml', utf8(`<?xml version="1.0" encoding="utf-8"?><manifest><control namespace="Clarity" constructor="${c}" version="0.1.0"><property name="hostField" of-type="SingleLine.Text" usage="bound" required="true"/></control></manifest>`)],
    ['bundle.js', utf8(`var ${c} = 1;`)],
    [`strings/${c}.1033.resx`, utf8('<root />')],
  ]);
}

const input = (over: Partial<PackInput> = {}): PackInput => ({
  source: loadSource(),
  version: '0.1.0.0',
  managed: false,
  controls: new Map(CONTROLS.map((c) => [c, fakeControl(c)])),
  webResources: new Map([
    ['clar_/scripts/clarity.js', utf8('"use strict";var Clarity=(()=>{})();')],
    ['clar_/auth/redirect.html', utf8('<!doctype html><script></script>')],
  ]),
  ...over,
});

describe('solution zip parts', () => {
  it('stamps the version and the package type into solution.xml and lists the root components', () => {
    expect(solutionVersion('0.1.0')).toBe('0.1.0.0');
    expect(zipName('0.1.0.0', true)).toBe('ClarityConnect_0_1_0_0_managed.zip');
    const managed = text(packageParts(input({ managed: true })).get('solution.xml'));
    expect(managed).toContain('<UniqueName>ClarityConnect</UniqueName>');
    expect(managed).toContain('<CustomizationPrefix>clar</CustomizationPrefix>');
    expect(managed).toContain('<Version>0.1.0.0</Version>');
    expect(managed).toContain('<Managed>1</Managed>');
    expect(text(packageParts(input()).get('solution.xml'))).toContain('<Managed>0</Managed>');
    for (const r of rootComponents(CONTROLS)) expect(managed).toContain(`<RootComponent type="${r.type}" schemaName="${r.schemaName}" behavior="${r.behavior}" />`);
    expect(managed).toContain('<RootComponent type="66" schemaName="clar_Clarity.OrderHistory" behavior="0" />');
    expect(managed).toContain('<RootComponent type="380" schemaName="clar_ProxyBaseUrl" behavior="0" />');
  });

  it('lays the controls, the web resource and the environment variables out like real exports', () => {
    const parts = packageParts(input());
    const paths = [...parts.keys()];
    expect(paths).toEqual(expect.arrayContaining(['[Content_Types].xml', 'solution.xml', 'customizations.xml', 'Controls/clar_Clarity.LoyaltyCard/ControlManifest.xml', 'Controls/clar_Clarity.OrderHistory/bundle.js']));
    const guid = '[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}';
    expect(paths.filter((p) => p.startsWith('WebResources/'))).toEqual([
      expect.stringMatching(new RegExp(`^WebResources/clar_scriptsclarityjs${guid}$`)),
      expect.stringMatching(new RegExp(`^WebResources/clar_authredirecthtml${guid}$`)),
    ]);
    expect(paths.filter((p) => p.startsWith('environmentvariabledefinitions/')).sort()).toEqual(
      ['clar_ProxyBaseUrl', 'clar_ProxyClientId', 'clar_ProxyScope', 'clar_TenantId'].map((n) => `environmentvariabledefinitions/${n}/environmentvariabledefinition.xml`),
    );
    const customizations = text(parts.get('customizations.xml'));
    for (const webResource of paths.filter((p) => p.startsWith('WebResources/'))) {
      expect(customizations).toContain(`<FileName>/${webResource}</FileName>`);
      expect(text(parts.get('[Content_Types].xml'))).toContain(`<Override PartName="/${webResource}" ContentType="application/octet-stream" />`);
    }
    // The sign-in redirect page is an HTML web resource (type 1) at the path docs/install.md says to register.
    expect(customizations).toMatch(/<Name>clar_\/auth\/redirect\.html<\/Name>\s*<DisplayName>[^<]+<\/DisplayName>\s*<WebResourceType>1<\/WebResourceType>/);
    expect(text(parts.get(paths.find((p) => p.startsWith('WebResources/clar_authredirecthtml'))!))).toBe('<!doctype html><script></script>');
    expect(() => packageParts(input({ webResources: new Map() }))).toThrow(/clar_\/scripts\/clarity\.js was not built/);
    for (const p of paths) expect(p).toMatch(/^[^/\\][^\\]*[^/]$/);
  });

  it('refuses a control whose manifest lacks the bound property the forms use', () => {
    const broken = fakeControl('LoyaltyCard');
    broken.set('ControlManifest.xml', utf8('<manifest><control namespace="Clarity" constructor="LoyaltyCard"><property name="value" usage="bound"/></control></manifest>'));
    expect(() => packageParts(input({ controls: new Map([['LoyaltyCard', broken]]) }))).toThrow(/no bound property "hostField"/);
  });

  it('leaves missing controls out of the root components, customizations and forms', () => {
    const parts = packageParts(input({ controls: new Map() }));
    expect([...parts.keys()].some((p) => p.startsWith('Controls/'))).toBe(false);
    expect(text(parts.get('solution.xml'))).not.toContain('type="66"');
    expect(text(parts.get('customizations.xml'))).not.toContain('clar_Clarity.');
  });

  it('is deterministic: the same input gives byte-identical zips, and unpacking then re-packing gives the same zip', () => {
    const zip = deterministicZip(packageParts(input()));
    expect(Buffer.from(deterministicZip(packageParts(input()))).equals(Buffer.from(zip))).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'clar-unpacked-'));
    for (const [name, bytes] of Object.entries(unzipSync(zip))) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), bytes);
    }
    expect(Buffer.from(deterministicZip(readTree(dir))).equals(Buffer.from(zip))).toBe(true);
    expect(Object.keys(unzipSync(zip)).slice(0, 3)).toEqual(['[Content_Types].xml', 'solution.xml', 'customizations.xml']);
  });
});

const built = loadControls();
(built.missing.length ? it.skip : it)('packs the PCF controls built in pcf-controls/ (skipped until the PCF build ran)', () => {
  const parts = packageParts(input({ controls: built.present }));
  for (const c of CONTROLS) expect(parts.has(`Controls/clar_Clarity.${c}/ControlManifest.xml`)).toBe(true);
});

const withSamples = hasShared ? describe : describe.skip;
if (!hasShared) console.warn(`solution layout checks against the reference samples skipped: ${SAMPLES_DIR} is absent`);

withSamples('checked against the real exported solutions (shared/reference/solution-samples)', () => {
  const sample = (p: string) => readFileSync(path.join(SAMPLES_DIR, p), 'utf8').replace(/^\ufeff/, '');
  const elementNames = (xml: string, parent: string) => {
    const inner = xml.slice(xml.indexOf(`<${parent}>`) + parent.length + 2, xml.indexOf(`</${parent}>`)).replace(/<!--[\s\S]*?-->/g, '');
    const names: string[] = [];
    let depth = 0;
    for (const m of inner.matchAll(/<(\/?)([A-Za-z_][\w.]*)[^>]*?(\/?)>/g)) {
      if (m[1]) depth--;
      else {
        if (depth === 0) names.push(m[2]!);
        if (!m[3]) depth++;
      }
    }
    return names;
  };
  const parts = packageParts(input());

  it('solution.xml has the SolutionManifest and Publisher children of the exports, in order', () => {
    const ours = text(parts.get('solution.xml'));
    for (const ref of ['powerapps-samples/CodeInterpreterControlSolution/solution.xml', 'powerapps-samples/Contoso_sample_1_0_0_1_managed/solution.xml']) {
      expect(elementNames(ours, 'SolutionManifest')).toEqual(elementNames(sample(ref), 'SolutionManifest'));
      expect(elementNames(ours, 'Publisher')).toEqual(elementNames(sample(ref), 'Publisher'));
    }
    expect(ours).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<ImportExportXml version="[\d.]+" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive"/);
  });

  it('root components use the shapes and type codes of the samples (entities shell-only, 61, 66, 380)', () => {
    const refs = [
      'powerapps-samples/CodeInterpreterControlSolution/solution.xml',
      'powerapps-samples/Contoso_sample_1_0_0_1_managed/solution.xml',
      'powerapps-samples/SecondaryRecordSource_SampleSolution_1_23091_1_managed/solution.xml',
      'handbuilt-example/solution.xml',
    ].map(sample);
    const shape = /<RootComponent type="(\d+)" schemaName="[^"]+" behavior="(\d)" \/>/g;
    const known = new Set(refs.flatMap((r) => [...r.matchAll(shape)].map((m) => `${m[1]}/${m[2]}`)));
    const ours = [...text(parts.get('solution.xml')).matchAll(shape)].map((m) => `${m[1]}/${m[2]}`);
    expect(ours.length).toBe(rootComponents(CONTROLS).length);
    for (const o of ours) expect(known).toContain(o);
  });

  it('[Content_Types].xml has the exports’ BOM, namespace, Default and Override shapes', () => {
    const ours = new TextDecoder('utf-8', { ignoreBOM: true }).decode(parts.get('[Content_Types].xml'));
    const ref = readFileSync(path.join(SAMPLES_DIR, 'powerapps-samples/SecondaryRecordSource_SampleSolution_1_23091_1_managed/[Content_Types].xml'), 'utf8');
    expect(ours.startsWith('\ufeff')).toBe(ref.startsWith('\ufeff'));
    const head = (s: string) => s.slice(0, s.indexOf('<Default'));
    expect(head(ours)).toBe(head(ref));
    expect(contentTypesXml(['solution.xml', 'WebResources/new_SecondaryRecordSourceCD98D4C6-4A21-EC11-B1B6-000D3AF6F140'])).toBe(ref);
    // Every extension in the zip has a Default; every extension-less part has an Override.
    for (const p of parts.keys()) {
      const base = p.slice(p.lastIndexOf('/') + 1);
      if (base.includes('.')) expect(ours).toContain(`<Default Extension="${base.slice(base.lastIndexOf('.') + 1)}"`);
      else expect(ours).toContain(`<Override PartName="/${p}"`);
    }
  });

  it('environment variable definitions and controls follow the sample files', () => {
    const ref = sample('handbuilt-example/environmentvariabledefinitions/clar_ProxyBaseUrl/environmentvariabledefinition.xml');
    const ours = text(parts.get('environmentvariabledefinitions/clar_ProxyBaseUrl/environmentvariabledefinition.xml'));
    expect(ours).toMatch(/^<environmentvariabledefinition schemaname="clar_ProxyBaseUrl">/);
    const sequence = (s: string) => [...s.matchAll(/^ {2}<(\w+)/gm)].map((m) => m[1]);
    expect(sequence(ours)).toEqual(sequence(ref).filter((t) => t !== 'defaultvalue'));
    const customizations = text(parts.get('customizations.xml'));
    expect(customizations).toMatch(/<CustomControl><Name>clar_Clarity\.LoyaltyCard<\/Name><FileName>\/Controls\/clar_Clarity\.LoyaltyCard\/ControlManifest\.xml<\/FileName><\/CustomControl>/);
    expect(sample('powerapps-samples/CodeInterpreterControlSolution/customizations.xml')).toMatch(/<CustomControl>\s*<Name>dev_CodeInterpreterSample\.CodeInterpreterControl<\/Name>\s*<FileName>\/Controls\/dev_CodeInterpreterSample\.CodeInterpreterControl\/ControlManifest\.xml<\/FileName>/);
  });
});
