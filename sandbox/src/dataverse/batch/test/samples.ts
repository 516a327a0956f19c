import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_ORIGIN } from './fake-web-api';

/**
 * The documented `$batch` pairs in shared/reference/dataverse-samples/batch (a sibling of the repository).
 * The docs print them with LF and an `[Organization URI]` placeholder; the wire format is CRLF (README there).
 */

const REPO_ROOT = path.resolve(__dirname, '../../../../../');
export const SAMPLES_DIR = path.resolve(REPO_ROOT, '../shared/reference/dataverse-samples');

export function samplesAvailable(): boolean {
  const ok = existsSync(path.join(SAMPLES_DIR, 'batch'));
  if (!ok) console.warn(`[batch tests] ${SAMPLES_DIR} not found: the reference-sample tests are skipped.`);
  return ok;
}

export interface HttpFile {
  startLine: string;
  headers: Record<string, string>;
  body: string;
}

export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Reads a sample as wire bytes: CRLF, placeholder replaced by the fake service's origin. */
export function loadHttp(relative: string, { crlf = true } = {}): HttpFile {
  const raw = readFileSync(path.join(SAMPLES_DIR, relative), 'utf8').replace(/\[Organization U[Rr][Ii]\]/g, SERVICE_ORIGIN);
  const text = crlf ? toCrlf(raw) : raw.replace(/\r\n/g, '\n');
  const nl = crlf ? '\r\n' : '\n';
  const split = text.indexOf(nl + nl);
  const [startLine = '', ...headerLines] = text.slice(0, split).split(nl);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { startLine, headers, body: text.slice(split + nl.length * 2) };
}
