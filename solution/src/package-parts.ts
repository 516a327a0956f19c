import { customizationsXml } from './customizations';
import { BOUND_PROPERTY } from './forms';
import { CONTROLS, controlSolutionName, ENVIRONMENT_VARIABLES, SOLUTION_UNIQUE_NAME, WEB_RESOURCES, type ControlName, type WebResourceName } from './names';
import { webResourceFileName } from './customizations';
import { SOLUTION_TABLES } from './schema';

/**
 * Assembles the parts of a solution zip (path -> bytes) from the unpacked source, the built controls and the
 * built script, laid out like Dataverse exports (shared/specs/pcf-and-solution.md §3.1): lower-case
 * `solution.xml` and `customizations.xml` at the root, `Controls/clar_Clarity.<Ctor>/…` holding the PCF build
 * output unchanged, `WebResources/<name><GUID>`, `environmentvariabledefinitions/<schema>/…`.
 */

export interface SolutionSource {
  /** `Other/Solution.xml` of the unpacked source. */
  readonly solutionXml: string;
  /** `environmentvariabledefinitions/<schema>/environmentvariabledefinition.xml`, by schema name. */
  readonly environmentVariables: ReadonlyMap<string, string>;
}

export interface PackInput {
  readonly source: SolutionSource;
  /** Four-part solution version. */
  readonly version: string;
  readonly managed: boolean;
  /** Build output of each present control: path relative to `out/controls/<Ctor>/` -> bytes. */
  readonly controls: ReadonlyMap<ControlName, ReadonlyMap<string, Uint8Array>>;
  /** The built web resources (webresources/dist), by name. */
  readonly webResources: ReadonlyMap<WebResourceName, Uint8Array>;
}

/** `0.1.0` (npm) -> `0.1.0.0` (Dataverse: major.minor.build.revision). */
export function solutionVersion(npmVersion: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(npmVersion);
  if (!m) throw new Error(`package.json version "${npmVersion}" is not major.minor.patch`);
  return `${m[1]}.${m[2]}.${m[3]}.0`;
}

export const zipName = (version: string, managed: boolean): string =>
  `${SOLUTION_UNIQUE_NAME}_${version.replace(/\./g, '_')}_${managed ? 'managed' : 'unmanaged'}.zip`;

export interface RootComponent {
  readonly type: number;
  readonly schemaName: string;
  readonly behavior: number;
}

/** Component type codes: solutioncomponent.md (1 entity, 61 web resource, 66 custom control, 380 env var). */
export function rootComponents(controls: Iterable<ControlName>): RootComponent[] {
  return [
    // Standard tables are carried "shell only" (behavior 2): only the columns, keys, form and ribbon we add.
    ...SOLUTION_TABLES.map((t) => ({ type: 1, schemaName: t.table, behavior: 2 })),
    ...WEB_RESOURCES.map((w) => ({ type: 61, schemaName: w.name, behavior: 0 })),
    ...[...controls].sort().map((c) => ({ type: 66, schemaName: controlSolutionName(c), behavior: 0 })),
    // Without type 380 the definition imports but is not linked to the solution (spec §3.2).
    ...ENVIRONMENT_VARIABLES.map((v) => ({ type: 380, schemaName: v, behavior: 0 })),
  ];
}

export function stampSolutionXml(source: string, version: string, managed: boolean, roots: readonly RootComponent[]): string {
  const components = roots.map((r) => `      <RootComponent type="${r.type}" schemaName="${r.schemaName}" behavior="${r.behavior}" />`).join('\n');
  const stamped = source
    .replace(/<!--[\s\S]*?-->\s*/g, '')
    .replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`)
    .replace(/<Managed>[^<]*<\/Managed>/, `<Managed>${managed ? 1 : 0}</Managed>`)
    .replace(/<RootComponents\s*\/>|<RootComponents>[\s\S]*?<\/RootComponents>/, `<RootComponents>\n${components}\n    </RootComponents>`);
  if (!stamped.includes(`<UniqueName>${SOLUTION_UNIQUE_NAME}</UniqueName>`)) throw new Error(`Other/Solution.xml must name the solution ${SOLUTION_UNIQUE_NAME}`);
  return stamped;
}

const BOM = '\ufeff';
const utf8 = (s: string) => new TextEncoder().encode(s);

/** `[Content_Types].xml` in the exports' shape: a Default per extension, an Override per extension-less part. */
export function contentTypesXml(paths: readonly string[]): string {
  const extensions = new Set<string>(['xml']);
  const overrides: string[] = [];
  for (const p of paths) {
    const base = p.slice(p.lastIndexOf('/') + 1);
    const dot = base.lastIndexOf('.');
    if (dot > 0) extensions.add(base.slice(dot + 1).toLowerCase());
    else overrides.push(`/${p}`);
  }
  const defaults = ['xml', ...[...extensions].filter((e) => e !== 'xml').sort()];
  return (
    `${BOM}<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    defaults.map((e) => `<Default Extension="${e}" ContentType="application/octet-stream" />`).join('') +
    overrides.sort().map((p) => `<Override PartName="${p}" ContentType="application/octet-stream" />`).join('') +
    '</Types>'
  );
}

export function packageParts(input: PackInput): Map<string, Uint8Array> {
  const present = CONTROLS.filter((c) => input.controls.has(c));
  const parts = new Map<string, Uint8Array>();
  parts.set('solution.xml', utf8(BOM + stampSolutionXml(input.source.solutionXml, input.version, input.managed, rootComponents(present))));
  parts.set('customizations.xml', utf8(BOM + customizationsXml({ version: input.version, controls: new Set(present) })));
  for (const c of present) {
    const files = input.controls.get(c)!;
    const manifest = files.get('ControlManifest.xml');
    if (!manifest) throw new Error(`the build output of ${c} has no ControlManifest.xml`);
    // The forms bind the control through this property: a renamed property would import but show nothing.
    const bound = new RegExp(`<property[^>]*name="${BOUND_PROPERTY}"[^>]*usage="bound"|<property[^>]*usage="bound"[^>]*name="${BOUND_PROPERTY}"`);
    if (!bound.test(new TextDecoder().decode(manifest))) throw new Error(`the ControlManifest.xml of ${c} has no bound property "${BOUND_PROPERTY}", which the Clarity 360 forms bind (solution/src/forms.ts)`);
    for (const [rel, bytes] of files) parts.set(`Controls/${controlSolutionName(c)}/${rel}`, bytes);
  }
  for (const { name } of WEB_RESOURCES) {
    const bytes = input.webResources.get(name);
    if (!bytes) throw new Error(`the web resource ${name} was not built (npm run build -w webresources)`);
    parts.set(webResourceFileName(name).slice(1), bytes);
  }
  for (const name of ENVIRONMENT_VARIABLES) {
    const xml = input.source.environmentVariables.get(name);
    if (!xml) throw new Error(`missing environmentvariabledefinitions/${name}/environmentvariabledefinition.xml in the solution source`);
    parts.set(`environmentvariabledefinitions/${name}/environmentvariabledefinition.xml`, utf8(xml));
  }
  parts.set('[Content_Types].xml', utf8(contentTypesXml([...parts.keys()])));
  return parts;
}
