import { DataverseError } from '../errors';
import { getHeader } from './http-part';
import { parseBatchRequest, type PlannedOperation } from './parse-request';
import { entityUrlOf, resolveBody, resolveTarget, type EntityUrls } from './references';
import { writeBatchResponse, type AnsweredOperation, type ResponseItem } from './response-writer';
import type { BatchContext, BatchPreferences, BatchResult, SubResponse } from './types';

/**
 * Runs a `$batch` request (specs/dataverse-webapi.md §3).
 *
 * - Operations run in order through `ctx.dispatch`, i.e. through the same routes as single requests.
 * - A change set runs inside one `ctx.transaction`: the first part with status >= 400 throws inside it, so
 *   the store undoes the parts before it, and the response holds a change set with only that part.
 * - Without `Prefer: odata.continue-on-error` the first failure ends the batch: outer 400 and only the
 *   failing part (sample 05). With it, failures are inline, the rest still runs and the outer status is 200
 *   (sample 06).
 * - Problems found while reading the batch produce a plain JSON 400 (nothing has run yet), except bare-LF
 *   framing, which Dataverse reports as a failed part (errors/400-batch-not-crlf-stream-not-readable.http).
 */
export async function executeBatch(
  contentType: string | undefined,
  body: Buffer,
  prefer: BatchPreferences,
  ctx: BatchContext,
): Promise<BatchResult> {
  const plan = parseBatchRequest(contentType, body.toString('utf8'), ctx.serviceRoot);
  if (!plan.ok) {
    if (!plan.batchShaped) return jsonError(plan.error);
    return writeBatchResponse(400, [{ kind: 'operation', answer: { res: failed(errorResponse(plan.error), ctx) } }], () =>
      ctx.newGuid(),
    );
  }

  const out: ResponseItem[] = [];
  for (const item of plan.items) {
    const entry: ResponseItem =
      item.kind === 'operation'
        ? { kind: 'operation', answer: await runOperation(item.op, new Map(), ctx) }
        : { kind: 'changeset', answers: await runChangeSet(item.ops, ctx) };
    const answers = entry.kind === 'operation' ? [entry.answer] : entry.answers;
    if (!prefer.continueOnError && answers.some((a) => isFailure(a.res))) {
      return writeBatchResponse(400, [entry], () => ctx.newGuid());
    }
    out.push(entry);
  }
  return writeBatchResponse(200, out, () => ctx.newGuid());
}

/** Thrown inside the change-set transaction to make the store roll back; carries the part to report. */
class ChangeSetFailed extends Error {
  constructor(readonly answer: AnsweredOperation) {
    super('change set rolled back');
  }
}

async function runChangeSet(ops: readonly PlannedOperation[], ctx: BatchContext): Promise<AnsweredOperation[]> {
  const answers: AnsweredOperation[] = [];
  const urls = new Map<string, string>();
  let current: PlannedOperation | undefined;
  try {
    await ctx.transaction(async () => {
      for (const op of ops) {
        current = op;
        const answer = await runOperation(op, urls, ctx);
        if (isFailure(answer.res)) throw new ChangeSetFailed(answer);
        answers.push(answer);
        const url = entityUrlOf(answer.res);
        if (op.contentId !== undefined && url !== undefined) urls.set(op.contentId, url);
      }
    });
  } catch (error) {
    if (error instanceof ChangeSetFailed) return [error.answer];
    // The store itself refused to commit (e.g. a deferred uniqueness check): report it on the last part.
    if (error instanceof DataverseError) return [{ res: failed(errorResponse(error), ctx), contentId: current?.contentId }];
    throw error;
  }
  return answers;
}

async function runOperation(op: PlannedOperation, urls: EntityUrls, ctx: BatchContext): Promise<AnsweredOperation> {
  let res: SubResponse;
  try {
    const url = resolveTarget(op.target, urls, ctx.serviceRoot);
    const body = resolveBody(op.body, urls);
    res = await ctx.dispatch({ method: op.method, url, headers: op.headers, body, contentId: op.contentId });
  } catch (error) {
    // Routes normally answer errors themselves; a DataverseError that escapes is still a normal 4xx/5xx part.
    if (!(error instanceof DataverseError)) throw error;
    res = errorResponse(error);
  }
  return { res: isFailure(res) ? failed(res, ctx) : res, contentId: op.contentId };
}

function isFailure(res: SubResponse): boolean {
  return res.status >= 400;
}

/** Failed parts carry a `REQ_ID` (samples 05, 06 and the CRLF error). */
function failed(res: SubResponse, ctx: BatchContext): SubResponse {
  if (getHeader(res.headers, 'REQ_ID') !== undefined) return res;
  return { ...res, headers: { REQ_ID: ctx.newGuid(), ...res.headers } };
}

function errorResponse(error: DataverseError): SubResponse {
  return {
    status: error.status,
    headers: { ...error.headers, 'Content-Type': 'application/json; odata.metadata=minimal', 'OData-Version': '4.0' },
    body: JSON.stringify(error.toBody()),
  };
}

function jsonError(error: DataverseError): BatchResult {
  const { headers, body } = errorResponse(error);
  return { status: error.status, headers, body };
}
