export type { ClientRegistration, DirectoryUser, ExposedApi, IdentityOptions, IdentityProvider, IssueOverrides, Principal, ValidationContext } from './types';
export { AuthError, type AuthFailureReason } from './auth-error';
export { createIdentityProvider, DEFAULT_CLOCK_SKEW_SEC, DEFAULT_TOKEN_LIFETIME_SEC } from './provider';
export { dataverseAuthHook, type DataverseAuthOptions } from './auth-hook';
export { tenantIdFor, resourceOfScope } from './tokens';
export { REDIRECT_PATH, SANDBOX_API, SANDBOX_RESYNC_ROLE, SANDBOX_SPA_CLIENT_ID, sandboxApis, sandboxClients, sandboxUsers } from './sandbox-clients';
