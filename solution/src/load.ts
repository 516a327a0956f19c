import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONTROLS, ENVIRONMENT_VARIABLES, type ControlName } from './names';
import type { SolutionSource } from './package-parts';

/** Reads the unpacked source and the build outputs from disk for the packer. */

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const SOURCE_DIR = path.join(REPO_ROOT, 'solution/src');
export const webResourcePath = (name: string): string => path.join(REPO_ROOT, 'webresources/dist', name);
export const controlOutDir = (root: string, c: ControlName): string => path.join(root, 'pcf-controls', c, 'out/controls', c);

/** Every file under `dir`, keyed by its `/`-separated path relative to `dir`. */
export function readTree(dir: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else out.set(r, readFileSync(path.join(dir, r)));
    }
  };
  walk('');
  return out;
}

export function loadSource(dir = SOURCE_DIR): SolutionSource {
  const environmentVariables = new Map<string, string>();
  for (const name of ENVIRONMENT_VARIABLES) {
    const file = path.join(dir, 'environmentvariabledefinitions', name, 'environmentvariabledefinition.xml');
    if (existsSync(file)) environmentVariables.set(name, readFileSync(file, 'utf8'));
  }
  return { solutionXml: readFileSync(path.join(dir, 'Other/Solution.xml'), 'utf8'), environmentVariables };
}

export interface LoadedControls {
  readonly present: Map<ControlName, Map<string, Uint8Array>>;
  readonly missing: ControlName[];
}

export function loadControls(root = REPO_ROOT): LoadedControls {
  const present = new Map<ControlName, Map<string, Uint8Array>>();
  const missing: ControlName[] = [];
  for (const c of CONTROLS) {
    const dir = controlOutDir(root, c);
    if (existsSync(path.join(dir, 'ControlManifest.xml'))) present.set(c, readTree(dir));
    else missing.push(c);
  }
  return { present, missing };
}
