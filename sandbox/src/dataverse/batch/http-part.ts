import { STATUS_CODES } from 'node:http';
import { batchErrors } from './batch-errors';
import { headerMap, readHead, type FramingState } from './multipart';
import type { SubResponse } from './types';

/**
 * The `application/http` payload of one batch part: a whole HTTP/1.1 message (specs/dataverse-webapi.md §3).
 */

export interface HttpRequestMessage {
  method: string;
  /** As written in the part: absolute, relative, or a `$n` Content-ID reference. */
  target: string;
  headers: Record<string, string>;
  /** Undefined when the part has no body (GET, DELETE). */
  body?: string;
}

const REQUEST_LINE = /^(\S+) (\S+) (\S+)$/;

export function parseHttpRequest(text: string, state: FramingState): HttpRequestMessage {
  const head = readHead(text, state);
  const [line = '', ...headerLines] = head.lines;
  const match = REQUEST_LINE.exec(line);
  if (!match) throw batchErrors.invalidRequestLine(line);
  const [, method = '', target = '', version = ''] = match;
  if (version !== 'HTTP/1.1') throw batchErrors.invalidHttpVersion(version);
  // A body of blank lines only is the RFC 2046 padding around an empty body, not content.
  const body = head.body.trim() === '' ? undefined : head.body;
  return { method: method.toUpperCase(), target, headers: headerMap(headerLines), body };
}

const STATUS_LINE = /^HTTP\/1\.1 (\d{3})(?: (.*))?$/;

/** Lenient reader for responses (clients also read the LF-printed doc samples with it). */
export function parseHttpResponse(text: string): SubResponse {
  const head = readHead(text, { bareLf: false });
  const [line = '', ...headerLines] = head.lines;
  const match = STATUS_LINE.exec(line);
  if (!match) throw new Error(`Invalid response line in batch part: '${line}'`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(headerMap(headerLines))) headers[name] = value;
  return { status: Number(match[1]), statusText: match[2] ?? '', headers, body: head.body };
}

/** "No Content", "Bad Request": the reason phrases in samples 01–06 are the standard ones. */
export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Unknown';
}

/** Headers of the transport, not of the operation: they would be wrong inside a batch part. */
const TRANSPORT_HEADERS = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/** Canonical spellings as the real service writes them (samples 01–06, crud/*). */
const CANONICAL: Record<string, string> = {
  req_id: 'REQ_ID',
  'content-type': 'Content-Type',
  'odata-version': 'OData-Version',
  location: 'Location',
  'odata-entityid': 'OData-EntityId',
  etag: 'ETag',
  'preference-applied': 'Preference-Applied',
  'retry-after': 'Retry-After',
};

/** Order seen in the samples: REQ_ID, Content-Type, OData-Version, Location, OData-EntityId; then the rest. */
const ORDER = Object.keys(CANONICAL);

function canonicalName(name: string): string {
  const lower = name.toLowerCase();
  return CANONICAL[lower] ?? lower.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/** Status line + headers + blank line + body of one response part. */
export function formatHttpResponse(res: SubResponse): string {
  const entries = Object.entries(res.headers).filter(([name]) => !TRANSPORT_HEADERS.has(name.toLowerCase()));
  const rank = (name: string): number => {
    const i = ORDER.indexOf(name.toLowerCase());
    return i < 0 ? ORDER.length : i;
  };
  entries.sort((a, b) => rank(a[0]) - rank(b[0]));
  const lines = [`HTTP/1.1 ${res.status} ${res.statusText || reasonPhrase(res.status)}`];
  for (const [name, value] of entries) lines.push(`${canonicalName(name)}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n${res.body}`;
}

/** Case-insensitive header lookup (dispatch results come from fastify.inject with lower-case names). */
export function getHeader(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}
