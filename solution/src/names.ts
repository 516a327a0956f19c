/** Names of the solution's components, shared by the generator, the packer and the tests. */

export const SOLUTION_UNIQUE_NAME = 'ClarityConnect';
export const PUBLISHER_PREFIX = 'clar';
/** Manifest namespace of the PCF controls; the solution name of a control is `clar_<Namespace>.<Constructor>`. */
export const CONTROL_NAMESPACE = 'Clarity';
export const CONTROLS = ['OrderHistory', 'LoyaltyCard'] as const;
export type ControlName = (typeof CONTROLS)[number];
export const controlSolutionName = (c: ControlName): string => `${PUBLISHER_PREFIX}_${CONTROL_NAMESPACE}.${c}`;

/** The command-bar and form scripts bundle (webresources/). */
export const SCRIPT_WEB_RESOURCE = 'clar_/scripts/clarity.js';
/** MSAL's redirect page (webresources/src/redirect.ts): `<org URL>/WebResources/clar_/auth/redirect.html` is the SPA redirect URI. */
export const REDIRECT_WEB_RESOURCE = 'clar_/auth/redirect.html';

/** Web resource types (webresource.md): 1 Webpage (HTML), 3 Script (JScript). */
export const WEB_RESOURCES = [
  { name: SCRIPT_WEB_RESOURCE, displayName: 'Clarity command-bar and form scripts', type: 3 },
  { name: REDIRECT_WEB_RESOURCE, displayName: 'Clarity sign-in redirect page', type: 1 },
] as const;
export type WebResourceName = (typeof WEB_RESOURCES)[number]['name'];
/** Global the bundle defines (esbuild `--global-name`); ribbon and form handlers are `Clarity.<Area>.<fn>`. */
export const SCRIPT_GLOBAL = 'Clarity';

export const ENVIRONMENT_VARIABLES = ['clar_ProxyBaseUrl', 'clar_ProxyClientId', 'clar_ProxyScope', 'clar_TenantId'] as const;

/** Tables carrying the resync button and the "Clarity 360" form. */
export const CUSTOMER_TABLES = ['contact', 'account'] as const;
export type CustomerTable = (typeof CUSTOMER_TABLES)[number];
