/** Why a bearer token was refused. Dataverse maps all of these to 401 with an empty body (spec §4.2, §4.5). */
export type AuthFailureReason =
  | 'missing'
  | 'malformed'
  | 'invalid_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'invalid_audience'
  | 'invalid_issuer'
  | 'invalid_tenant';

/** Thrown by validateBearer; `headers` are exactly what the 401 response must carry. */
export class AuthError extends Error {
  readonly status = 401;
  constructor(
    readonly reason: AuthFailureReason,
    message: string,
    readonly headers: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/**
 * Challenge for a request without a usable token: `Bearer authorization_uri=…/oauth2/authorize, resource_id=…`
 * (spec §4.5: clients use it to discover the tenant). Token validation failures add RFC 6750
 * `error=invalid_token` and Microsoft.IdentityModel's IDX message in `error_description`, the header the spec
 * says carries "IDX10214: Audience validation failed…".
 */
export function challengeHeader(authorizationUri: string, resource: string, idxMessage?: string): string {
  const parts = ['Bearer'];
  if (idxMessage !== undefined) {
    // Header values must stay on one line and cannot hold the double quotes of a quoted-string.
    const clean = idxMessage.replace(/[\r\n"]/g, ' ').replace(/[^\x20-\x7e]/g, '?');
    parts.push(`error="invalid_token", error_description="${clean}",`);
  }
  parts.push(`authorization_uri=${authorizationUri}, resource_id=${resource}`);
  return parts.join(' ');
}

/** Microsoft.IdentityModel messages, reproduced for the reasons we emit (wording from its LogMessages). */
export const idx = {
  malformed: () =>
    "IDX14100: JWT is not well formed, there are no dots (.). The token needs to be in JWS or JWE Compact Serialization Format.",
  noKey: (kid: string) => `IDX10503: Signature validation failed. Token does not have a kid. Keys tried: '[PII is hidden]'. kid: '${kid}'.`,
  badSignature: () => "IDX10511: Signature validation failed. Keys tried: '[PII is hidden]'.",
  expired: (validTo: string, now: string) =>
    `IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): '${validTo}', Current time (UTC): '${now}'.`,
  notYetValid: (validFrom: string, now: string) =>
    `IDX10222: Lifetime validation failed. The token is not yet valid. ValidFrom (UTC): '${validFrom}', Current time (UTC): '${now}'.`,
  audience: (aud: string, valid: string[]) =>
    `IDX10214: Audience validation failed. Audiences: '${aud}'. Did not match: validationParameters.ValidAudience: 'null' or validationParameters.ValidAudiences: '${valid.join(', ')}'.`,
  issuer: (iss: string, valid: string) =>
    `IDX10205: Issuer validation failed. Issuer: '${iss}'. Did not match: validationParameters.ValidIssuer: '${valid}' or validationParameters.ValidIssuers: 'null'.`,
  tenant: (tid: string) => `The token's tenant '${tid}' does not match the organization's tenant.`,
};
