import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { executeBatch, type SubRequest, type SubResponse } from '../batch';
import type { EmulatorCore } from '../core';
import { serviceRoot } from '../http/context';

/** Header that marks a `$batch` part re-entering the app, so limits count the batch once (spec §3). */
export const BATCH_PART_HEADER = 'x-emulator-batch-part';
export const BATCH_PART_SECRET = randomBytes(16).toString('hex');

/** `POST /api/data/v9.2/$batch`: each part runs through the same routes via fastify.inject. */
export function registerBatch(app: FastifyInstance, core: EmulatorCore): void {
  app.addContentTypeParser(/^multipart\/mixed/, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post<{ Params: { version: string } }>('/api/data/:version/$batch', async (request, reply) => {
    const prefer = String(request.headers.prefer ?? '');
    const passThrough: Record<string, string> = { [BATCH_PART_HEADER]: BATCH_PART_SECRET };
    for (const name of ['authorization', 'host', 'x-ms-correlation-request-id', 'user-agent']) {
      const v = request.headers[name];
      if (typeof v === 'string') passThrough[name] = v;
    }
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.from(String(request.body ?? ''));
    const result = await executeBatch(request.headers['content-type'], body, { continueOnError: /odata\.continue-on-error/.test(prefer) }, {
      serviceRoot: serviceRoot(request, request.params.version),
      newGuid: randomUUID,
      transaction: (fn) => core.store.transaction(fn),
      dispatch: async (part: SubRequest): Promise<SubResponse> => {
        const res = await app.inject({
          method: part.method as 'GET',
          url: part.url,
          headers: { ...part.headers, ...passThrough },
          payload: part.body,
        });
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
        // Inside a batch a written row's part also carries `Location` (samples 01–04), unlike a lone request.
        if (headers['odata-entityid'] && !headers.location) headers.location = headers['odata-entityid'];
        return { status: res.statusCode, statusText: res.statusMessage, headers, body: res.body };
      },
    });
    return reply.code(result.status).headers(result.headers).send(result.body);
  });
}
