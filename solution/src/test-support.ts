import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './load';

/** Reference data outside the repo (shared/): tests that read it skip with a message when it is absent. */
export const SHARED_DIR = path.resolve(REPO_ROOT, '../shared');
export const SAMPLES_DIR = path.join(SHARED_DIR, 'reference/solution-samples');
export const XSD_DIR = path.join(SHARED_DIR, 'reference/dataverse-schemas/dataverse-9.0.0.2090-xmllint');

export const hasShared = existsSync(SAMPLES_DIR) && existsSync(XSD_DIR);
export const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

/** Why an xmllint test cannot run here, or undefined. On CI a missing xmllint is an error, not a skip. */
export function xmllintSkipReason(): string | undefined {
  if (!hasShared) return `skipped: ${SHARED_DIR} is absent (the XSDs live in shared/reference/dataverse-schemas)`;
  if (!hasXmllint) {
    if (process.env.CI) throw new Error('xmllint is required on CI (apt-get install libxml2-utils)');
    return 'skipped: xmllint is not installed (Debian package libxml2-utils)';
  }
  return undefined;
}

/** Validates `xml` against one XSD of the set; returns xmllint's diagnostics on failure. */
export function validate(xml: string, xsd: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'clar-xsd-'));
  const file = path.join(dir, 'doc.xml');
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', path.join(XSD_DIR, xsd), file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}
