import { DataverseError } from '../errors';
import { batchErrors, streamNotReadable } from './batch-errors';
import { parseHttpRequest } from './http-part';
import { boundaryOf, parseMediaType, splitMultipart, type FramingState, type MimePart } from './multipart';
import { entitySetOf, referenceId, referencesIn, toPath } from './references';
import { MAX_BATCH_OPERATIONS } from './types';

/**
 * Turns a `$batch` body into a plan of operations and change sets, enforcing every rule that the real service
 * checks while *reading* the batch, before anything runs (specs/dataverse-webapi.md §3): framing, CRLF, part
 * headers, GET in change sets, nesting, the 1000-operation cap and Content-ID references to undeclared ids.
 */

export interface PlannedOperation {
  method: string;
  /** As written: may still be a `$n` reference, resolved when the change set runs. */
  target: string;
  headers: Record<string, string>;
  body?: string;
  contentId?: string;
}

export type PlannedItem = { kind: 'operation'; op: PlannedOperation } | { kind: 'changeset'; ops: PlannedOperation[] };

export type ParseOutcome =
  | { ok: true; items: PlannedItem[] }
  /** `batchShaped`: the real service reports this one as a failed part, not as a plain error (the CRLF case). */
  | { ok: false; error: DataverseError; batchShaped: boolean };

export function parseBatchRequest(contentType: string | undefined, text: string, serviceRoot: string): ParseOutcome {
  const state: FramingState = { bareLf: false };
  let items: PlannedItem[] | undefined;
  let failure: DataverseError | undefined;
  try {
    items = readItems(text, boundaryOf(contentType), serviceRoot, state);
  } catch (error) {
    if (!(error instanceof DataverseError)) throw error;
    failure = error;
  }
  // LF framing wins over whatever else broke: it is usually the cause (errors/400-batch-not-crlf-…).
  if (state.bareLf) return { ok: false, error: streamNotReadable(firstEntitySet(text, serviceRoot)), batchShaped: true };
  if (failure || !items) return { ok: false, error: failure ?? batchErrors.unexpectedEnd(), batchShaped: false };
  return { ok: true, items };
}

function readItems(text: string, boundary: string, serviceRoot: string, state: FramingState): PlannedItem[] {
  const items: PlannedItem[] = [];
  let operations = 0;
  for (const part of splitMultipart(text, boundary, state)) {
    const media = partMediaType(part);
    if (media.type === 'multipart/mixed') {
      const ops = readChangeSet(part, serviceRoot, state);
      operations += ops.length;
      items.push({ kind: 'changeset', ops });
    } else {
      const op = readOperation(part, serviceRoot, state);
      // Content-IDs are scoped to their change set (OData 4.0), so a top-level `$n` never resolves.
      const ref = referencesIn(op.target, op.body)[0];
      if (ref !== undefined) throw batchErrors.contentIdReference(`$${ref}`);
      operations += 1;
      items.push({ kind: 'operation', op });
    }
    // Checked while reading so a huge body fails before it is fully parsed.
    if (operations > MAX_BATCH_OPERATIONS) throw batchErrors.tooManyParts(MAX_BATCH_OPERATIONS);
  }
  return items;
}

function readChangeSet(part: MimePart, serviceRoot: string, state: FramingState): PlannedOperation[] {
  const boundary = boundaryOf(part.headers['content-type']);
  const ops: PlannedOperation[] = [];
  const declared = new Set<string>();
  for (const inner of splitMultipart(part.body, boundary, state)) {
    if (partMediaType(inner).type === 'multipart/mixed') throw batchErrors.nestedChangeSet();
    const op = readOperation(inner, serviceRoot, state);
    if (op.method === 'GET') throw batchErrors.getInChangeSet(op.method);
    // Only ids declared by an *earlier* part of this change set can be referenced (BATCH doc, §3).
    for (const ref of referencesIn(op.target, op.body))
      if (!declared.has(ref)) throw batchErrors.contentIdReference(`$${ref}`);
    if (op.contentId !== undefined) {
      if (declared.has(op.contentId)) throw batchErrors.duplicateContentId(op.contentId);
      declared.add(op.contentId);
    }
    ops.push(op);
  }
  return ops;
}

function partMediaType(part: MimePart): { type: string } {
  const contentType = part.headers['content-type'];
  if (contentType === undefined) throw batchErrors.missingContentType();
  const media = parseMediaType(contentType);
  if (media.type !== 'multipart/mixed' && media.type !== 'application/http')
    throw batchErrors.invalidPartContentType(contentType);
  return media;
}

function readOperation(part: MimePart, serviceRoot: string, state: FramingState): PlannedOperation {
  if (part.headers['content-transfer-encoding']?.toLowerCase() !== 'binary') throw batchErrors.missingTransferEncoding();
  const message = parseHttpRequest(part.body, state);
  if (referenceId(message.target) === undefined && /\/\$batch(\?|$)/.test(toPath(message.target, serviceRoot)))
    throw batchErrors.nestedBatch();
  // Content-ID belongs in the MIME part headers; some clients put it among the operation's headers instead.
  const contentId = part.headers['content-id'] ?? message.headers['content-id'];
  const headers = { ...message.headers };
  delete headers['content-id'];
  return { method: message.method, target: message.target, headers, body: message.body, contentId };
}

/** Best effort: the entity set of the first operation, for the "Entity :'accounts'" part of the CRLF error. */
function firstEntitySet(text: string, serviceRoot: string): string {
  const match = /^(?:GET|POST|PATCH|PUT|DELETE) (\S+) HTTP\/1\.1\r?$/m.exec(text);
  return match ? entitySetOf(toPath(match[1]!.replace(/^\[Organization U[Rr][Ii]\]/, ''), serviceRoot)) : '';
}
