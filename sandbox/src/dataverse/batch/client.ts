import { randomUUID } from 'node:crypto';
import { DataverseError } from '../errors';
import { parseHttpResponse } from './http-part';
import { boundaryOf, parseMediaType, splitMultipart } from './multipart';
import type { BatchItem, BatchResponsePart, SubRequest } from './types';

/**
 * The client side of `$batch`, shared by tests and the benchmark client: writing a request body and reading
 * a response body (specs/dataverse-webapi.md §3). Both use CRLF, as the real service requires.
 */

export function batchContentType(boundary: string): string {
  return `multipart/mixed; boundary="${boundary}"`;
}

function operationPart(req: SubRequest): string {
  const mime = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (req.contentId !== undefined) mime.push(`Content-ID: ${req.contentId}`);
  const head = [`${req.method.toUpperCase()} ${req.url} HTTP/1.1`];
  for (const [name, value] of Object.entries(req.headers)) head.push(`${name}: ${value}`);
  return `${mime.join('\r\n')}\r\n\r\n${head.join('\r\n')}\r\n\r\n${req.body ?? ''}`;
}

function multipart(boundary: string, parts: readonly string[]): string {
  return parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('') + `--${boundary}--`;
}

/** A `$batch` body; send it with `Content-Type: batchContentType(boundary)`. */
export function serializeBatchRequest(parts: readonly BatchItem[], boundary: string): string {
  const rendered = parts.map((item) => {
    if (!('changeSet' in item)) return operationPart(item);
    const inner = item.boundary ?? `changeset_${randomUUID()}`;
    return `Content-Type: multipart/mixed; boundary=${inner}\r\n\r\n${multipart(inner, item.changeSet.map(operationPart))}`;
  });
  return `${multipart(boundary, rendered)}\r\n`;
}

/** The operation responses of a `$batch` response, change sets flattened in order, Content-IDs kept. */
export function parseBatchResponse(contentType: string | undefined, body: string | Buffer): BatchResponsePart[] {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  // Lenient about LF so the LF-printed documentation samples can be read too.
  const state = { bareLf: false };
  try {
    const out: BatchResponsePart[] = [];
    for (const part of splitMultipart(text, boundaryOf(contentType), state)) {
      const type = parseMediaType(part.headers['content-type'] ?? '').type;
      const operations =
        type === 'multipart/mixed'
          ? splitMultipart(part.body, boundaryOf(part.headers['content-type']), state)
          : [part];
      for (const op of operations) {
        const contentId = op.headers['content-id'];
        out.push({ ...parseHttpResponse(op.body), ...(contentId !== undefined ? { contentId } : {}) });
      }
    }
    return out;
  } catch (error) {
    if (error instanceof DataverseError) throw new Error(`Malformed $batch response: ${error.message}`);
    throw error;
  }
}
