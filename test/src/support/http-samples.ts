import fs from 'node:fs';
import path from 'node:path';

/**
 * Reader for the documented request/response samples in `../shared/reference` (`.http` files: a request,
 * a blank line, its body, then `HTTP/1.1 …` and the response). The shared folder sits beside the repository
 * in CI and on developer machines, but not in an arbitrary clone: tests that need it skip with a message.
 */
export const SHARED_DIR = path.resolve(__dirname, '../../../../shared');

export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}

export function sharedAvailable(...parts: string[]): boolean {
  return fs.existsSync(sharedPath(...parts));
}

/** `describe` that skips, with one clear console message, when a shared reference folder is missing. */
export function describeWithShared(name: string, parts: string[], fn: () => void): void {
  if (sharedAvailable(...parts)) return describe(name, fn);
  console.warn(`Skipping "${name}": ${sharedPath(...parts)} is not present (the shared reference folder sits beside the repository in CI).`);
  describe.skip(name, fn);
}

export interface HttpMessage {
  /** Request: `METHOD url`; response: status code. */
  method?: string;
  url?: string;
  status?: number;
  headers: Record<string, string>;
  body: string;
}

export interface SamplePair {
  title?: string;
  request?: HttpMessage;
  response?: HttpMessage;
}

function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Splits a block of lines into start line, header lines and body (first blank line separates). */
function parseMessage(lines: string[]): { start: string; headers: Record<string, string>; body: string } {
  const start = (lines[0] ?? '').trim();
  let i = 1;
  // A request line may continue on the next line (`&$top=1` in the formatted-values sample).
  let startLine = start;
  while (i < lines.length && /^[&?]/.test((lines[i] ?? '').trim())) startLine += (lines[i++] as string).trim();
  const headerLines: string[] = [];
  while (i < lines.length && (lines[i] ?? '').trim() !== '') headerLines.push(lines[i++] as string);
  const body = lines.slice(i + 1).join('\n').trim();
  return { start: startLine, headers: parseHeaders(headerLines), body };
}

export function parseHttpSample(text: string): SamplePair[] {
  const sections = text.replace(/\r\n/g, '\n').split(/^###[^\n]*$/m);
  const titles = [...text.matchAll(/^###\s*(.*)$/gm)].map((m) => m[1]);
  const out: SamplePair[] = [];
  sections.forEach((section, index) => {
    const lines = section.split('\n');
    while (lines.length && (lines[0] ?? '').trim() === '') lines.shift();
    if (lines.length === 0) return;
    const respAt = lines.findIndex((l) => /^\s*HTTP\/1\.1 \d{3}/.test(l));
    const pair: SamplePair = { title: index > 0 ? titles[index - 1] : undefined };
    const reqLines = respAt < 0 ? lines : lines.slice(0, respAt);
    if (respAt !== 0 && reqLines.some((l) => l.trim() !== '')) {
      const msg = parseMessage(reqLines);
      // `[Organization URI]` contains a space: the URL is everything up to the protocol version.
      const m = /^(\w+)\s+(.+?)(?:\s+HTTP\/1\.1)?$/.exec(msg.start);
      pair.request = { method: m?.[1], url: m?.[2], headers: msg.headers, body: msg.body };
    }
    if (respAt >= 0) {
      const msg = parseMessage(lines.slice(respAt));
      pair.response = { status: Number(/HTTP\/1\.1 (\d{3})/.exec(msg.start)?.[1]), headers: msg.headers, body: msg.body };
    }
    out.push(pair);
  });
  return out;
}

export function readSample(...parts: string[]): SamplePair[] {
  return parseHttpSample(fs.readFileSync(sharedPath(...parts), 'utf8'));
}

/** Lenient JSON for documented bodies that are not valid JSON as published (missing commas, truncation). */
export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
