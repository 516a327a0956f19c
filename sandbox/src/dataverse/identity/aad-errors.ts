import { randomUUID } from 'node:crypto';

/**
 * Microsoft identity platform error responses for the token endpoint. Entra answers
 * `{error, error_description, error_codes, timestamp, trace_id, correlation_id, error_uri}` where the
 * description starts with `AADSTS<code>: ` and ends with Trace ID / Correlation ID / Timestamp lines
 * (Entra doc "v2-oauth2-client-creds-grant-flow", error response section; codes from the AADSTS catalogue).
 */
export interface AadErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
}

export interface AadError {
  status: number;
  code: number;
  error: string;
  message: string;
}

const e = (status: number, error: string, code: number, message: string): AadError => ({ status, error, code, message });

export const aadErrors = {
  missingParameter: (name: string) =>
    e(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  tenantNotFound: (tenant: string) =>
    e(
      400,
      'invalid_request',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  unsupportedGrantType: (grant: string) =>
    e(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`),
  unknownClient: (clientId: string, tenant: string) =>
    e(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  missingSecret: () =>
    e(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  wrongSecret: (clientId: string) =>
    e(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  assertionNotSupported: () =>
    e(401, 'invalid_client', 700027, 'Client assertion failed signature validation. The sandbox tenant only has client secrets registered.'),
  scopeNotDefault: (scope: string) =>
    e(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  tooManyResources: (scope: string) =>
    e(400, 'invalid_scope', 70011, `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`),
  unknownResource: (resource: string, tenant: string) =>
    e(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    ),

  // Authorization code flow (Entra "v2-oauth2-auth-code-flow"; codes from the AADSTS catalogue, see README).
  redirectUriMismatch: (uri: string, clientId: string) =>
    e(
      400,
      'invalid_request',
      50011,
      `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
    ),
  noSignedInUser: () => e(400, 'login_required', 50058, 'A silent sign-in request was sent but no user is signed in.'),
  userNotFound: (hint: string, tenant: string) =>
    e(400, 'invalid_request', 50034, `The user account ${hint} does not exist in the ${tenant} directory. To sign into this application, the account must be added to the directory.`),
  unsupportedResponseType: (type: string) => e(400, 'unsupported_response_type', 700054, `response_type '${type}' is not enabled for the application.`),
  unsupportedResponseMode: (mode: string) => e(400, 'invalid_request', 900144, `The sandbox does not implement response_mode '${mode}'; use 'query' or 'fragment'.`),
  invalidPrompt: (prompt: string) => e(400, 'invalid_request', 90023, `Invalid prompt value '${prompt}'. Valid values are login, none, consent and select_account.`),
  invalidCodeChallengeMethod: (method: string) => e(400, 'invalid_request', 501491, `Invalid code_challenge_method '${method}'. Supported values are S256 and plain.`),
  scopeNotValid: (scope: string) => e(400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`),
  pkceRequired: () => e(400, 'invalid_request', 9002325, 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.'),
  spaNeedsOrigin: () =>
    e(400, 'invalid_request', 9002327, "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests."),
  crossOriginNotSpa: () => e(400, 'invalid_request', 9002326, "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type."),
  publicClientSecret: () => e(401, 'invalid_client', 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented."),
  codeVerifierMismatch: () => e(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.'),
  codeRedeemed: () => e(400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.'),
  grantExpired: () =>
    e(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.'),
  invalidGrant: (parameter: 'code' | 'refresh_token') => e(400, 'invalid_grant', 9002313, `Invalid request. Request is malformed or invalid: the '${parameter}' parameter is not a grant this tenant issued to this client.`),
  grantRedirectMismatch: () => e(400, 'invalid_grant', 50011, "The 'redirect_uri' of the token request does not match the one used in the authorization request."),
  spaRefreshTokenExpired: () =>
    e(
      400,
      'invalid_grant',
      700084,
      'The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which can\'t be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.',
    ),
};

/** Entra timestamps look like `2024-05-01 10:20:30Z`. */
export function aadTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

export function aadErrorBody(err: AadError, nowMs: number, correlationId?: string): AadErrorBody {
  const traceId = randomUUID();
  const correlation = correlationId && /^[0-9a-f-]{36}$/i.test(correlationId) ? correlationId : randomUUID();
  const timestamp = aadTimestamp(nowMs);
  return {
    error: err.error,
    error_description: `AADSTS${err.code}: ${err.message} Trace ID: ${traceId} Correlation ID: ${correlation} Timestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `https://login.microsoftonline.com/error?code=${err.code}`,
  };
}
