export type { ClientRegistration, IdentityOptions, IdentityProvider, IssueOverrides, Principal, ValidationContext } from './types';
export { AuthError, type AuthFailureReason } from './auth-error';
export { createIdentityProvider, DEFAULT_CLOCK_SKEW_SEC, DEFAULT_TOKEN_LIFETIME_SEC } from './provider';
export { dataverseAuthHook, type DataverseAuthOptions } from './auth-hook';
export { tenantIdFor, resourceOfScope } from './tokens';
export { sandboxClients } from './sandbox-clients';
