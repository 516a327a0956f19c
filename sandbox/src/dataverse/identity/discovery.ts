/**
 * Discovery documents shaped like login.microsoftonline.com's v2.0 OpenID configuration and instance
 * discovery responses, with every URL on the emulator's own origin.
 */
export function openIdConfiguration(origin: string, tenantSegment: string): Record<string, unknown> {
  const base = `${origin}/${tenantSegment}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    // For common/organizations Entra prints the literal `{tenantid}` placeholder.
    issuer: `${origin}/${tenantSegment === 'common' || tenantSegment === 'organizations' ? '{tenantid}' : tenantSegment}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
    tenant_region_scope: 'NA',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}

/** `GET /common/discovery/instance?api-version=1.1&authorization_endpoint=…`: this host is its own only alias. */
export function instanceDiscovery(origin: string, authorizationEndpoint?: string): Record<string, unknown> {
  let host = new URL(origin).host;
  try {
    if (authorizationEndpoint) host = new URL(authorizationEndpoint).host;
  } catch {
    // keep the request's own host for an unparsable endpoint
  }
  return {
    tenant_discovery_endpoint: `https://${host}/{tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}
