/**
 * `POST /oauth/token` (spec §4.2): client credentials, form-encoded. Errors carry the RFC 6749
 * `error` member inside an RFC 9457 problem so both kinds of client can read them.
 */
import type { FastifyInstance } from 'fastify';
import { ClarityProblem } from '../domain/problem';
import { sendProblem } from '../http/errors';
import type { Ctx } from '../http/context';

export function oauthRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.post('/oauth/token', async (req, reply) => {
    const ct = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (ct !== 'application/x-www-form-urlencoded') {
      throw new ClarityProblem('unsupported_media_type', 'Send the token request form-encoded (application/x-www-form-urlencoded).');
    }
    const f = (req.body ?? {}) as Record<string, string>;
    let clientId = f.client_id, clientSecret = f.client_secret;
    // RFC 6749 §2.3.1 also allows HTTP Basic client authentication.
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':', 2).map(decodeURIComponent);
      clientId = id;
      clientSecret = secret;
    }
    const oauthError = (status: 'invalid_request' | 'unauthorized', error: string, description: string) =>
      sendProblem(req, reply, new ClarityProblem(status, description, { error, error_description: description }));
    if (f.grant_type !== 'client_credentials') return oauthError('invalid_request', 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
    if (!clientId || !clientSecret) return oauthError('invalid_request', 'invalid_request', 'client_id and client_secret are required.');
    const r = ctx.auth.issue(clientId, clientSecret, f.scope, ctx.nowMs());
    if (!r.ok) {
      if (r.error === 'invalid_client') reply.header('WWW-Authenticate', 'Basic realm="clarity"');
      return oauthError(r.error === 'invalid_client' ? 'unauthorized' : 'invalid_request', r.error, r.description);
    }
    return reply.header('Cache-Control', 'no-store').send(r.body);
  });
}
