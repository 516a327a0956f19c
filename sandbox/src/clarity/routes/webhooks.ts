/** `/webhooks` (spec §4.3, §4.6): subscriptions, secret once, rotation, test delivery. */
import type { FastifyInstance } from 'fastify';
import { parseBody, webhookCreateSchema, webhookPatchSchema } from '../domain/schemas';
import { bodyObject, param, type Ctx } from '../http/context';
import { collectPage, parseListQuery, sendPage } from '../http/list';

export function webhookRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { webhooks, dispatcher, events } = ctx.state;
  const cfg = { config: { scope: 'webhooks:manage' as const } };

  app.post('/webhooks', { config: { scope: 'webhooks:manage', idempotency: 'optional' } }, async (req, reply) => {
    const w = webhooks.create(parseBody(webhookCreateSchema, bodyObject(req)));
    return reply.code(201).header('Location', `/api/v1/webhooks/${w.webhookId}`).send(w);
  });

  app.get('/webhooks', cfg, async (req, reply) => {
    const q = parseListQuery(req, [], ctx.nowMs());
    return sendPage(req, reply, q, collectPage(webhooks.walk(q.sort === '-createdAt'), q), ctx.nowMs());
  });

  app.get('/webhooks/:webhookId', cfg, async (req) => webhooks.require(param(req, 'webhookId')).sub);

  app.patch('/webhooks/:webhookId', { config: { scope: 'webhooks:manage', mergePatch: true } }, async (req) =>
    webhooks.update(param(req, 'webhookId'), parseBody(webhookPatchSchema, bodyObject(req))));

  app.delete('/webhooks/:webhookId', cfg, async (req, reply) => {
    webhooks.delete(param(req, 'webhookId'));
    return reply.code(204).send();
  });

  app.post('/webhooks/:webhookId/rotate-secret', { config: { scope: 'webhooks:manage', idempotency: 'optional' } }, async (req) =>
    ({ secret: webhooks.rotate(param(req, 'webhookId')) }));

  app.post('/webhooks/:webhookId/test', { config: { scope: 'webhooks:manage', idempotency: 'optional' } }, async (req, reply) => {
    const r = webhooks.require(param(req, 'webhookId'));
    const e = events.ephemeral('webhook.test', { webhookId: r.sub.webhookId, message: 'This is a test event from Clarity.' });
    dispatcher.sendTo(r.sub.webhookId, e);
    return reply.code(202).send({ eventId: e.id, webhookId: r.sub.webhookId });
  });
}
