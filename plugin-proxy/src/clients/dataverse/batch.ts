/**
 * The client side of `$batch` (dataverse-webapi.md §3): a multipart/mixed body with CRLF line endings (LF-only
 * bodies fail with 0x80048d19), change sets with Content-ID, and a reader for the multipart response.
 */
import { randomUUID } from 'node:crypto';
import { ConnectorError } from '../../errors';
import { parseJson } from '../shared/http';
import { dataverseError, readErrorBody } from './errors';

export interface BatchOperation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to the service root (`contacts`, `contacts(<id>)`), or `$<n>` referring to a Content-ID. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Needed inside a change set; defaults to the operation's position there (1-based). */
  contentId?: string;
}

export type BatchItem = BatchOperation | { changeSet: BatchOperation[] };

export interface BatchResult {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  contentId?: string;
  /** The mapped error when the operation failed. */
  error?: ConnectorError;
}

const CRLF = '\r\n';

function part(op: BatchOperation, serviceRoot: string, contentId?: string): string {
  const mime = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (contentId !== undefined) mime.push(`Content-ID: ${contentId}`);
  // `$n` references stay as they are; other URLs become absolute, which the service accepts (§3).
  const url = op.url.startsWith('$') || /^https?:/.test(op.url) ? op.url : `${serviceRoot}${op.url}`;
  // The request line is space-delimited: a literal space in a filter would split it.
  const head = [`${op.method} ${url.replace(/ /g, '%20')} HTTP/1.1`];
  const body = op.body === undefined ? '' : JSON.stringify(op.body);
  if (op.body !== undefined) head.push('Content-Type: application/json; type=entry');
  head.push('Accept: application/json');
  for (const [name, value] of Object.entries(op.headers ?? {})) head.push(`${name}: ${value}`);
  return `${mime.join(CRLF)}${CRLF}${CRLF}${head.join(CRLF)}${CRLF}${CRLF}${body}`;
}

function multipart(boundary: string, parts: string[]): string {
  return parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join('') + `--${boundary}--${CRLF}`;
}

/** Returns the body and the boundary to name in `Content-Type: multipart/mixed; boundary=…`. */
export function serializeBatch(items: readonly BatchItem[], serviceRoot: string): { boundary: string; body: string } {
  const boundary = `batch_${randomUUID()}`;
  const parts = items.map((item) => {
    if (!('changeSet' in item)) return part(item, serviceRoot, item.contentId);
    if (item.changeSet.some((op) => op.method === 'GET')) {
      throw new ConnectorError('CONNECTOR_ERR_INTERNAL', 'GET is not allowed inside a $batch change set', { classification: 'internal' });
    }
    const inner = `changeset_${randomUUID()}`;
    const ops = item.changeSet.map((op, i) => part(op, serviceRoot, op.contentId ?? String(i + 1)));
    return `Content-Type: multipart/mixed; boundary=${inner}${CRLF}${CRLF}${multipart(inner, ops)}`;
  });
  return { boundary, body: multipart(boundary, parts) };
}

interface RawPart {
  headers: Record<string, string>;
  body: string;
}

function boundaryOf(contentType: string | undefined): string {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const b = m?.[1] ?? m?.[2];
  if (!b) throw new ConnectorError('CONNECTOR_ERR_TRANSIENT', 'Malformed $batch response: no boundary', { classification: 'transient' });
  return b;
}

/** Splits a multipart body; headers end at the first blank line. Tolerates LF in what we read. */
function splitParts(text: string, boundary: string): RawPart[] {
  const chunks = text.split(`--${boundary}`);
  const out: RawPart[] = [];
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    const content = chunk.replace(/^\r?\n/, '');
    const { head, rest } = splitHead(content);
    out.push({ headers: parseHeaders(head), body: rest.replace(/\r?\n$/, '') });
  }
  return out;
}

function splitHead(content: string): { head: string; rest: string } {
  const m = /\r?\n\r?\n/.exec(content);
  return m ? { head: content.slice(0, m.index), rest: content.slice(m.index + m[0].length) } : { head: content, rest: '' };
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function readOperation(p: RawPart, label: string): BatchResult {
  const { head, rest } = splitHead(p.body);
  const [statusLine = '', ...headerLines] = head.split(/\r?\n/);
  const status = Number(/^HTTP\/1\.1\s+(\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers = parseHeaders(headerLines.join('\n'));
  const body = parseJson(rest.trim());
  const contentId = p.headers['content-id'];
  const result: BatchResult = { status, headers, ...(body !== undefined ? { body } : {}), ...(contentId !== undefined ? { contentId } : {}) };
  if (status >= 400 || status === 0) result.error = dataverseError(status, headers, readErrorBody(rest.trim()), `${label} part${contentId ? ` ${contentId}` : ''}`);
  return result;
}

/** The operation responses in order, change sets flattened, Content-IDs kept. */
export function parseBatchResponse(contentType: string | undefined, text: string, label = '$batch'): BatchResult[] {
  const out: BatchResult[] = [];
  for (const p of splitParts(text, boundaryOf(contentType))) {
    const type = (p.headers['content-type'] ?? '').toLowerCase();
    const ops = type.startsWith('multipart/mixed') ? splitParts(p.body, boundaryOf(p.headers['content-type'])) : [p];
    for (const op of ops) out.push(readOperation(op, label));
  }
  return out;
}
