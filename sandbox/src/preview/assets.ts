import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The PCF controls the preview hosts, with the platform libraries their manifests declare. */
export const PREVIEW_CONTROLS = ['OrderHistory', 'LoyaltyCard'] as const;
export type PreviewControl = (typeof PREVIEW_CONTROLS)[number];

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/**
 * The platform libraries Dynamics provides to virtual controls (React 16.14.0, Fluent 8.29.0), as UMD builds
 * from the exact versions the controls pin. The host page exposes them under the global names pcf-scripts'
 * bundles read (`Reactv16`, `FluentUIReactv8290`).
 */
export const PLATFORM_LIBRARIES: Readonly<Record<string, string>> = {
  'react.js': 'react/umd/react.production.min.js',
  'react-dom.js': 'react-dom/umd/react-dom.production.min.js',
  'fluentui-react.js': '@fluentui/react/dist/fluentui-react.umd.js',
};

function platformLibraryFile(name: string): string | undefined {
  const spec = PLATFORM_LIBRARIES[name];
  return spec ? require.resolve(spec, { paths: [path.join(REPO_ROOT, 'pcf-controls')] }) : undefined;
}

/** Where Fluent's UMD build loads its icon font from when it starts (its `initializeIcons()` default). */
export const FLUENT_ICON_CDN = 'https://spoprod-a.akamaihd.net/files/fabric/assets/icons/';

const libraries = new Map<string, string>();
/**
 * A platform library's text. Fluent's UMD registers its icons from Microsoft's CDN as it loads; the sandbox works
 * offline, so the preview serves it with that base URL pointing at the same font files from node_modules.
 */
export function platformLibrary(name: string, iconBaseUrl: string): string | undefined {
  const file = platformLibraryFile(name);
  if (!file) return undefined;
  let text = libraries.get(name);
  if (text === undefined) {
    text = readFileSync(file, 'utf8').split(FLUENT_ICON_CDN).join(iconBaseUrl);
    libraries.set(name, text);
  }
  return text;
}

/** Fluent's icon font files (what `initializeIcons` loads from Microsoft's CDN in a browser with internet). */
export function iconFontFile(name: string): string | undefined {
  if (!/^fabric-icons[\w-]*\.woff$/.test(name)) return undefined;
  // The package's "exports" hide package.json: from its main file (lib-commonjs/index.js) up to the package folder.
  const main = require.resolve('@fluentui/font-icons-mdl2', { paths: [path.join(REPO_ROOT, 'pcf-controls')] });
  const dir = path.join(path.dirname(path.dirname(main)), 'fonts');
  return fileUnder(dir, name);
}

/** Where `npm run build` (pcf-scripts) puts a control's production output. */
export function controlOutDir(control: PreviewControl, root = REPO_ROOT): string {
  return path.join(root, 'pcf-controls', control, 'out', 'controls', control);
}

/** The solution's script web resource as `npm run build` leaves it (webresources/dist). */
export const WEB_RESOURCE = 'clar_/scripts/clarity.js';
export const webResourcesDir = (root = REPO_ROOT) => path.join(root, 'webresources', 'dist');

/** The builds the preview needs that are not there yet (`npm run build` makes them). */
export function missingBuilds(root = REPO_ROOT): string[] {
  const controls = PREVIEW_CONTROLS.filter((c) => !existsSync(path.join(controlOutDir(c, root), 'bundle.js')));
  return existsSync(path.join(webResourcesDir(root), WEB_RESOURCE)) ? controls : [...controls, WEB_RESOURCE];
}

/** True when a control's sources changed after its bundle was built (the preview would show stale code). */
export function staleControlBuilds(root = REPO_ROOT): PreviewControl[] {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      if (e.name === 'out' || e.name === 'generated' || e.name === 'node_modules') return max;
      const p = path.join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  const shared = newest(path.join(root, 'pcf-controls', 'shared'));
  return PREVIEW_CONTROLS.filter((c) => {
    const bundle = path.join(controlOutDir(c, root), 'bundle.js');
    if (!existsSync(bundle)) return true;
    return Math.max(shared, newest(path.join(root, 'pcf-controls', c))) > statSync(bundle).mtimeMs;
  });
}

/** A file under a build folder: never a path that climbs out of it. */
function fileUnder(base: string, relative: string): string | undefined {
  const file = path.resolve(base, relative);
  if (!file.startsWith(base + path.sep) || !existsSync(file) || !statSync(file).isFile()) return undefined;
  return file;
}

/** A file of a built control (bundle, css, strings). */
export function controlFile(control: string, relative: string, root = REPO_ROOT): string | undefined {
  if (!(PREVIEW_CONTROLS as readonly string[]).includes(control)) return undefined;
  return fileUnder(controlOutDir(control as PreviewControl, root), relative);
}

export const webResourceFile = (relative: string, root = REPO_ROOT): string | undefined => fileUnder(webResourcesDir(root), relative);

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.resx': 'application/xml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};
