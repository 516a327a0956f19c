/**
 * POST /webhooks/dataverse: check the service endpoint's key (WebhookKey `?code=` or an HttpHeader) before the
 * body is even read, normalise the RemoteExecutionContext, drop echoes of the connector's own writes (no
 * ping-pong), enqueue, answer. Dataverse retries only 502/503/504, once (dataverse-webapi.md §6.3).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProxyAppDeps } from '../app';
import { ConnectorError } from '../errors';
import { safeEqual } from '../http/constant-time';
import { parseJson, rawBody } from '../http/raw-body';
import { recordWebhookSkipped } from '../metrics';
import { dataverseIdempotencyKey, dataverseRecordKey, dataverseTable } from './dataverse-event';
import { enqueueOrFail, storeRead } from './enqueue';
import { reject } from './reject';
import { parseRemoteContext } from './remote-context';

function presentedKeys(req: FastifyRequest, headerName: string): string[] {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const header = req.headers[headerName];
  return [query.code, Array.isArray(header) ? header[0] : header].filter((v): v is string => typeof v === 'string');
}

export function dataverseWebhookRoute(app: FastifyInstance, deps: ProxyAppDeps): void {
  const { config, store, metrics } = deps;

  const authenticate = async (req: FastifyRequest) => {
    // Check every presented credential (no short-circuit), each in constant time.
    const results = presentedKeys(req, config.DATAVERSE_WEBHOOK_HEADER).map((k) => safeEqual(k, config.DATAVERSE_WEBHOOK_KEY));
    if (!results.includes(true)) {
      const reason = results.length === 0 ? 'missing_key' : 'bad_key';
      throw reject(req, reason, new ConnectorError('CONNECTOR_ERR_BAD_SIGNATURE', 'webhook key is missing or wrong'));
    }
  };

  app.post('/webhooks/dataverse', { config: { webhookSource: 'dataverse' }, onRequest: authenticate }, async (req, reply) => {
    const json = parseJson(rawBody(req.body));
    if (!json.ok) throw new ConnectorError('CONNECTOR_ERR_MALFORMED', 'body is not valid JSON');
    const parsed = parseRemoteContext(json.value, { truncated: req.headers['x-ms-dynamics-msg-size-exceeded'] !== undefined });
    if (!parsed.ok) throw new ConnectorError('CONNECTOR_ERR_MALFORMED', parsed.reason);
    const event = parsed.event;
    const log = req.log.child({ table: event.table, recordId: event.id, message: event.message, operationId: event.operationId });

    const own = deps.ownUserId()?.toLowerCase();
    if (own === undefined) log.warn('connector user id unknown (WhoAmI pending); cannot skip own writes');
    if (own !== undefined && event.initiatingUserId === own) {
      recordWebhookSkipped(metrics, 'dataverse', 'own_write');
      log.debug('own write; skipped');
      return reply.status(200).send({ accepted: true, skipped: 'own write' });
    }
    const table = dataverseTable(event.table);
    // Product events matter only when inventory flows both ways (a step left over from an earlier setup).
    const synced = table && (event.table !== 'product' || config.INVENTORY_DIRECTION === 'both');
    if (!table || !synced) {
      recordWebhookSkipped(metrics, 'dataverse', 'unsupported_table');
      log.info('table not synced; ignored');
      const why = table ? ` (INVENTORY_DIRECTION is ${config.INVENTORY_DIRECTION})` : '';
      return reply.status(202).send({ accepted: true, ignored: `table ${event.table} is not synced${why}` });
    }
    const recordKey = await storeRead(() => dataverseRecordKey(store.links, event, table));
    const { id, duplicate } = await enqueueOrFail(store.jobs, {
      kind: table.kind,
      recordKey,
      idempotencyKey: dataverseIdempotencyKey(event),
      source: 'dataverse',
      payload: event,
    });
    log.info({ jobId: id, kind: table.kind, recordKey, duplicate }, 'dataverse event enqueued');
    return reply.status(200).send({ accepted: true, duplicate });
  });
}
