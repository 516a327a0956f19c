/**
 * POST /webhooks/clarity: verify the Standard Webhooks signature on the raw bytes, classify, enqueue with the
 * event id as idempotency key, and only then answer 200 (Clarity retries anything else, clarity-api.md §4.7).
 */
import type { FastifyInstance } from 'fastify';
import type { ProxyAppDeps } from '../app';
import { ConnectorError } from '../errors';
import { parseJson, rawBody } from '../http/raw-body';
import { recordWebhookSkipped } from '../metrics';
import { classifyClarityEvent } from './clarity-event';
import { verifyClaritySignature, type SignatureFailure } from './clarity-signature';
import { enqueueOrFail } from './enqueue';
import { reject } from './reject';

const WHY: Record<SignatureFailure, string> = {
  missing_headers: 'webhook-id, webhook-timestamp and webhook-signature headers are required',
  bad_timestamp: 'webhook-timestamp is not unix seconds',
  stale_timestamp: 'webhook-timestamp is outside the allowed tolerance',
  bad_signature: 'no webhook-signature matches any configured secret',
};

export function clarityWebhookRoute(app: FastifyInstance, deps: ProxyAppDeps): void {
  const { config, store, metrics } = deps;
  app.post('/webhooks/clarity', { config: { webhookSource: 'clarity' } }, async (req, reply) => {
    const raw = rawBody(req.body);
    const now = deps.now?.() ?? new Date();
    const check = verifyClaritySignature({
      rawBody: raw,
      headers: req.headers,
      secrets: config.CLARITY_WEBHOOK_SECRETS,
      toleranceSec: config.WEBHOOK_TOLERANCE_SEC,
      nowSec: now.getTime() / 1000,
    });
    if (!check.ok) {
      req.log.warn({ reason: check.reason, webhookId: req.headers['webhook-id'] }, 'clarity webhook rejected');
      throw reject(req, check.reason, new ConnectorError('CONNECTOR_ERR_BAD_SIGNATURE', WHY[check.reason]));
    }
    const webhookId = String(req.headers['webhook-id']);
    const json = parseJson(raw);
    if (!json.ok) throw new ConnectorError('CONNECTOR_ERR_MALFORMED', 'body is not valid JSON');
    const intake = classifyClarityEvent(json.value, webhookId);
    const log = req.log.child({ webhookId, eventType: req.headers['x-clarity-event-type'] });

    switch (intake.outcome) {
      case 'malformed':
        throw new ConnectorError('CONNECTOR_ERR_MALFORMED', intake.reason);
      case 'ignored':
        recordWebhookSkipped(metrics, 'clarity', 'unknown_type');
        log.info({ type: intake.type }, 'clarity event type not synced; ignored');
        return reply.status(202).send({ accepted: true, ignored: `event type ${intake.type} is not synced` });
      case 'enqueue': {
        const { id, duplicate } = await enqueueOrFail(store.jobs, {
          kind: intake.kind,
          recordKey: intake.recordKey,
          idempotencyKey: intake.idempotencyKey,
          source: 'clarity',
          payload: intake.envelope,
        });
        log.info({ jobId: id, kind: intake.kind, recordKey: intake.recordKey, duplicate }, 'clarity event enqueued');
        return reply.status(200).send({ accepted: true, duplicate });
      }
    }
  });
}
