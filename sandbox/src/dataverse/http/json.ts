import type { FastifyReply } from 'fastify';

export const JSON_TYPE = 'application/json; odata.metadata=minimal';

/**
 * Sends a JSON body with exactly the Web API's content type. Fastify rewrites the content type of string and
 * object payloads (quoting `"minimal"`, adding a charset); a Buffer is sent as is.
 */
export function sendJson(reply: FastifyReply, status: number, body: unknown, headers: Record<string, string> = {}): FastifyReply {
  return reply
    .code(status)
    .headers({ ...headers, 'content-type': JSON_TYPE })
    .send(Buffer.from(JSON.stringify(body), 'utf8'));
}
