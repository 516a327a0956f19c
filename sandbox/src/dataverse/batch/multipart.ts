import { batchErrors } from './batch-errors';

/**
 * MIME multipart/mixed framing for `$batch` (RFC 2046 §5.1, specs/dataverse-webapi.md §3).
 *
 * The splitter tolerates bare LF so it can report *that* the framing used LF: Dataverse answers such bodies
 * with a specific error (errors/400-batch-not-crlf-stream-not-readable.http), not with a generic parse failure.
 * Part bodies are returned untouched; only delimiter lines and header lines count as framing.
 */

export interface MimePart {
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Everything after the blank line that ends the headers. */
  body: string;
}

/** Shared flag: set as soon as any framing line ends with a bare LF. */
export interface FramingState {
  bareLf: boolean;
}

export interface MediaType {
  type: string;
  params: Record<string, string>;
}

/** `multipart/mixed; boundary="x"`, `multipart/mixed;boundary=x`, `Content-Type:  …` with odd spacing (sample 03). */
export function parseMediaType(value: string): MediaType {
  const [type = '', ...rest] = splitParams(value);
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq <= 0) continue;
    const name = param.slice(0, eq).trim().toLowerCase();
    let v = param.slice(eq + 1).trim();
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    // A repeated parameter makes the boundary ambiguous; ODataLib rejects it, so keep a marker.
    params[name] = name in params ? '\u0000duplicate' : v;
  }
  return { type: type.trim().toLowerCase(), params };
}

/** Splits on `;` outside quoted strings. */
function splitParams(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** The boundary of a `multipart/mixed` content type; throws a DataverseError (400) when absent or invalid. */
export function boundaryOf(contentType: string | undefined): string {
  if (!contentType) throw batchErrors.notMultipart(contentType);
  const media = parseMediaType(contentType);
  if (media.type !== 'multipart/mixed') throw batchErrors.notMultipart(contentType);
  const boundary = media.params['boundary'];
  if (boundary === undefined || boundary === '\u0000duplicate') throw batchErrors.boundaryRequired(contentType);
  if (!BOUNDARY.test(boundary)) throw batchErrors.invalidBoundary(boundary);
  return boundary;
}

interface Delimiter {
  /** Index of the line break that precedes the delimiter (it belongs to the delimiter, RFC 2046). */
  start: number;
  /** Index just after the delimiter line. */
  end: number;
  close: boolean;
}

function findDelimiter(text: string, dash: string, from: number, state: FramingState): Delimiter | undefined {
  for (let i = text.indexOf(dash, from); i >= 0; i = text.indexOf(dash, i + 1)) {
    if (i > 0 && text[i - 1] !== '\n') continue;
    const nl = text.indexOf('\n', i);
    const lineEnd = nl < 0 ? text.length : nl;
    const rest = text.slice(i + dash.length, lineEnd).replace(/\r$/, '').replace(/[ \t]+$/, '');
    // `--boundaryX` is a different boundary that merely starts with ours.
    if (rest !== '' && rest !== '--') continue;
    let start = i;
    if (i > 0) {
      const crlf = i >= 2 && text[i - 2] === '\r';
      if (!crlf) state.bareLf = true;
      start = crlf ? i - 2 : i - 1;
    }
    if (nl >= 0 && text[nl - 1] !== '\r') state.bareLf = true;
    return { start, end: nl < 0 ? text.length : nl + 1, close: rest === '--' };
  }
  return undefined;
}

/** The parts between the first delimiter and the close delimiter; preamble and epilogue are ignored. */
export function splitMultipart(text: string, boundary: string, state: FramingState): MimePart[] {
  const dash = `--${boundary}`;
  let delimiter = findDelimiter(text, dash, 0, state);
  if (!delimiter) throw batchErrors.unexpectedEnd();
  const parts: MimePart[] = [];
  while (!delimiter.close) {
    const next = findDelimiter(text, dash, delimiter.end, state);
    if (!next) throw batchErrors.unexpectedEnd();
    const head = readHead(text.slice(delimiter.end, next.start), state);
    parts.push({ headers: headerMap(head.lines), body: head.body });
    delimiter = next;
  }
  return parts;
}

export interface Head {
  lines: string[];
  body: string;
}

/** Lines up to the first empty line (headers, or request/status line + headers), and what follows. */
export function readHead(text: string, state: FramingState): Head {
  const lines: string[] = [];
  let pos = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) {
      // No blank line: a part made of headers only (allowed for GET/DELETE operations without a body).
      const last = text.slice(pos);
      if (last !== '') lines.push(last);
      return { lines, body: '' };
    }
    const crlf = nl > pos && text[nl - 1] === '\r';
    if (!crlf) state.bareLf = true;
    const line = text.slice(pos, crlf ? nl - 1 : nl);
    pos = nl + 1;
    if (line === '') return { lines, body: text.slice(pos) };
    lines.push(line);
  }
}

export function headerMap(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw batchErrors.invalidHeader(line);
    const name = line.slice(0, colon).trim().toLowerCase();
    if (name in headers) throw batchErrors.duplicateHeader(line.slice(0, colon).trim());
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}
