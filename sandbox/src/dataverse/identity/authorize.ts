import type { FastifyReply, FastifyRequest } from 'fastify';
import { aadErrorBody, aadErrors, type AadError } from './aad-errors';
import { matchSpaRedirectUri, resolveDelegatedScopes, userByHint } from './directory';
import type { TenantDirectory } from './grants';
import { clientInfo } from './tokens';

export type AuthorizeContext = TenantDirectory;

type Query = Record<string, string | undefined>;

/** Entra's session cookie; the sandbox keeps its own session id in it. */
export const SESSION_COOKIE = 'ESTSAUTH';
const PROMPTS = new Set(['none', 'login', 'consent', 'select_account']);

function cookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** The response goes in the fragment or the query of the redirect URI (`response_mode`). */
export function redirectWith(redirectUri: string, mode: 'query' | 'fragment', params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  if (mode === 'fragment') url.hash = new URLSearchParams(entries).toString();
  else for (const [k, v] of entries) url.searchParams.append(k, v);
  return url.toString();
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * GET /{tenant}/oauth2/v2.0/authorize: the authorization code flow with PKCE for single-page apps (Entra
 * "v2-oauth2-auth-code-flow"). Problems with the tenant, client or redirect URI are shown on an error page, as
 * Entra does (it never redirects to an unverified URI); everything else goes back to the redirect URI.
 * Deviation (README): an interactive request signs in the login_hint's user, or the first configured user,
 * at once, with no password page; `prompt=none` needs the session cookie that sign-in set.
 */
export function authorizeHandler(ctx: AuthorizeContext) {
  return async (req: FastifyRequest<{ Params: { tenant: string }; Querystring: Query }>, reply: FastifyReply) => {
    const q = req.query;
    const page = (err: AadError) => {
      const body = aadErrorBody(err, ctx.now());
      return reply
        .code(err.status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store, no-cache')
        .send(`<!doctype html><title>Sign in to your account</title><h1>Sorry, but we’re having trouble signing you in.</h1><p id="error">${escapeHtml(body.error_description)}</p>`);
    };
    if (![ctx.tenant, ctx.tenantId].some((t) => t.toLowerCase() === req.params.tenant.toLowerCase())) return page(aadErrors.tenantNotFound(req.params.tenant));
    if (!q.client_id) return page(aadErrors.missingParameter('client_id'));
    const client = ctx.clients.find((c) => c.clientId === q.client_id);
    if (!client) return page(aadErrors.unknownClient(q.client_id, ctx.tenant));
    if (!q.redirect_uri) return page(aadErrors.missingParameter('redirect_uri'));
    if (!matchSpaRedirectUri(client, q.redirect_uri)) return page(aadErrors.redirectUriMismatch(q.redirect_uri, client.clientId));
    const mode = q.response_mode ?? 'query';
    if (mode !== 'query' && mode !== 'fragment') return page(aadErrors.unsupportedResponseMode(mode));
    const redirectUri = q.redirect_uri;

    const send = (params: Record<string, string | undefined>) =>
      reply.code(302).header('cache-control', 'no-store, no-cache').header('location', redirectWith(redirectUri, mode, params)).send();
    const fail = (err: AadError) => {
      const body = aadErrorBody(err, ctx.now());
      return send({ error: body.error, error_description: body.error_description, error_uri: body.error_uri, state: q.state });
    };

    if (!q.response_type) return fail(aadErrors.missingParameter('response_type'));
    if (q.response_type !== 'code') return fail(aadErrors.unsupportedResponseType(q.response_type));
    if (!q.scope) return fail(aadErrors.missingParameter('scope'));
    const scopes = resolveDelegatedScopes(q.scope, ctx.apis, ctx.tenant);
    if (!scopes.ok) return fail(scopes.error);
    const method = q.code_challenge ? (q.code_challenge_method ?? 'plain') : undefined;
    if (method !== undefined && method !== 'S256' && method !== 'plain') return fail(aadErrors.invalidCodeChallengeMethod(method));
    if (q.prompt && !PROMPTS.has(q.prompt)) return fail(aadErrors.invalidPrompt(q.prompt));

    let session = ctx.grants.session(cookie(req, SESSION_COOKIE));
    let user = session && ctx.users.find((u) => u.objectId === session!.userObjectId);
    const hinted = userByHint(ctx.users, q.login_hint);
    const hintMismatch = Boolean(q.login_hint) && hinted?.objectId !== user?.objectId;
    if (q.prompt === 'none') {
      // "prompt=none … If the request can't be completed silently … the Microsoft identity platform returns an
      // error": no session (or none for the hinted user) is AADSTS50058 login_required.
      if (!user || hintMismatch) return fail(aadErrors.noSignedInUser());
    } else if (!user || hintMismatch || q.prompt === 'login') {
      if (q.login_hint && !hinted) return page(aadErrors.userNotFound(q.login_hint, ctx.tenant));
      user = hinted ?? ctx.users[0];
      if (!user) return page(aadErrors.userNotFound('(no sandbox user is configured)', ctx.tenant));
      ctx.grants.endSession(session?.id);
      session = ctx.grants.startSession(user.objectId);
      // SameSite=None so the hidden iframe of a silent request (a third-party context) still sends it.
      const secure = req.protocol === 'https' ? '; Secure; SameSite=None' : '; SameSite=Lax';
      reply.header('set-cookie', `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly${secure}`);
    }

    const code = ctx.grants.issueCode({
      clientId: client.clientId,
      redirectUri,
      spa: true,
      userObjectId: user.objectId,
      scopes: scopes.value,
      codeChallenge: q.code_challenge,
      codeChallengeMethod: method,
      nonce: q.nonce,
    });
    // MSAL asks for client_info=1; Entra then returns it beside the code.
    return send({ code, client_info: q.client_info === '1' ? clientInfo(user.objectId, ctx.tenantId) : undefined, state: q.state });
  };
}
