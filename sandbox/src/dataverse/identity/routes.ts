import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { JSONWebKeySet } from 'jose';
import { aadErrorBody, aadErrors } from './aad-errors';
import { authorizeHandler } from './authorize';
import { openIdConfiguration, instanceDiscovery } from './discovery';
import { checkTokenRequest } from './token-request';
import type { ClientRegistration } from './types';
import { redeemUserGrant, type UserGrantContext } from './user-grants';

export interface IdentityRouteContext extends UserGrantContext {
  resources?: readonly string[];
  jwks: () => JSONWebKeySet;
  mint: (client: ClientRegistration, audience: string, origin: string) => Promise<string>;
}

/** Paths a browser app calls with fetch: Entra answers them with CORS headers (the token endpoint for SPA redirect URIs). */
const CORS_PATHS = ['/:tenant/oauth2/v2.0/token', '/:tenant/v2.0/.well-known/openid-configuration', '/:tenant/discovery/v2.0/keys', '/:tenant/discovery/keys', '/common/discovery/instance'];

type TenantParams = { Params: { tenant: string } };

export const originOf = (req: FastifyRequest): string => `${req.protocol}://${req.host}`;

/** The Microsoft identity platform endpoints at the same paths as login.microsoftonline.com. */
export function identityRoutes(ctx: IdentityRouteContext): FastifyPluginAsync {
  // Entra accepts the tenant's name or its GUID in the path; `common`/`organizations` only for discovery.
  const isTenant = (t: string) => [ctx.tenant, ctx.tenantId].some((x) => x.toLowerCase() === t.toLowerCase());
  const isMultiTenant = (t: string) => t === 'common' || t === 'organizations';

  const sendError = (req: FastifyRequest, reply: FastifyReply, err: ReturnType<typeof aadErrors.tenantNotFound>) => {
    const body = aadErrorBody(err, ctx.now(), headerOf(req, 'client-request-id'));
    return reply.code(err.status).headers(noStore(body.correlation_id)).send(body);
  };

  return async (app) => {
    // Only this plugin's scope parses forms; the token endpoint takes application/x-www-form-urlencoded.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    app.addHook('onSend', async (req, reply) => {
      if (CORS_PATHS.includes(req.routeOptions.url ?? '')) reply.header('access-control-allow-origin', '*');
    });
    for (const path of CORS_PATHS) {
      // Preflight: MSAL.js adds headers (e.g. X-AnchorMailbox) that make its token POST a non-simple request.
      app.options(path, async (req, reply) =>
        reply
          .code(204)
          .headers({
            'access-control-allow-methods': 'GET, POST, OPTIONS',
            'access-control-allow-headers': headerOf(req, 'access-control-request-headers') ?? '',
            'access-control-max-age': '86400',
          })
          .send(),
      );
    }

    app.get<TenantParams & { Querystring: Record<string, string | undefined> }>('/:tenant/oauth2/v2.0/authorize', authorizeHandler(ctx));

    app.post<TenantParams>('/:tenant/oauth2/v2.0/token', async (req, reply) => {
      if (!isTenant(req.params.tenant)) return sendError(req, reply, aadErrors.tenantNotFound(req.params.tenant));
      const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string | undefined>;
      if (form['grant_type'] === 'authorization_code' || form['grant_type'] === 'refresh_token') {
        const result = await redeemUserGrant(
          { form, origin: headerOf(req, 'origin'), basicAuth: /^Basic\s/i.test(req.headers.authorization ?? ''), issuerOrigin: originOf(req) },
          ctx,
        );
        if (!result.ok) return sendError(req, reply, result.error);
        return reply.headers(noStore(headerOf(req, 'client-request-id'))).send(result.body);
      }
      const result = checkTokenRequest(form, req.headers.authorization, ctx);
      if (!result.ok) return sendError(req, reply, result.error);
      const token = await ctx.mint(result.client, result.audience, originOf(req));
      // Spec §7: {"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"<JWT>"}.
      return reply
        .headers(noStore(headerOf(req, 'client-request-id')))
        .send({ token_type: 'Bearer', expires_in: ctx.lifetimeSec, ext_expires_in: ctx.lifetimeSec, access_token: token });
    });

    app.get<TenantParams>('/:tenant/v2.0/.well-known/openid-configuration', async (req, reply) => {
      const { tenant } = req.params;
      if (!isTenant(tenant) && !isMultiTenant(tenant)) return sendError(req, reply, aadErrors.tenantNotFound(tenant));
      return openIdConfiguration(originOf(req), isTenant(tenant) ? ctx.tenantId : tenant);
    });

    const keys = async (req: FastifyRequest<TenantParams>, reply: FastifyReply) => {
      const { tenant } = req.params;
      if (!isTenant(tenant) && !isMultiTenant(tenant)) return sendError(req, reply, aadErrors.tenantNotFound(tenant));
      return ctx.jwks();
    };
    app.get<TenantParams>('/:tenant/discovery/v2.0/keys', keys);
    app.get<TenantParams>('/:tenant/discovery/keys', keys);

    // What MSAL calls for instance discovery (msal-common Authority.getCloudDiscoveryMetadataFromNetwork).
    app.get<{ Querystring: { authorization_endpoint?: string } }>('/common/discovery/instance', async (req) =>
      instanceDiscovery(originOf(req), req.query.authorization_endpoint),
    );
  };
}

function headerOf(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function noStore(correlationId?: string): Record<string, string> {
  return {
    'cache-control': 'no-store, no-cache',
    pragma: 'no-cache',
    ...(correlationId ? { 'client-request-id': correlationId } : {}),
  };
}
