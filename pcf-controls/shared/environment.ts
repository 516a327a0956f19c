/** Reads the solution's environment variables through the PCF Web API (feature-usage WebAPI). */

export const ENV_VARS = ['clar_ProxyBaseUrl', 'clar_ProxyClientId', 'clar_ProxyScope', 'clar_TenantId'] as const;
export type EnvVarName = (typeof ENV_VARS)[number];
export type ProxySettings = Record<EnvVarName, string | null>;

/** The subset of ComponentFramework.WebApi used here, so tests can pass a plain object. */
export interface RetrieveMultiple {
  retrieveMultipleRecords(entityLogicalName: string, options?: string): Promise<{ entities: Record<string, unknown>[] }>;
}

export interface WebApi extends RetrieveMultiple {
  retrieveRecord?(entityLogicalName: string, id: string, options?: string): Promise<Record<string, unknown>>;
}

export function environmentQuery(): string {
  const filter = ENV_VARS.map((n) => `schemaname eq '${n}'`).join(' or ');
  return `?$select=schemaname,defaultvalue&$filter=${filter}&$expand=environmentvariabledefinition_environmentvariablevalue($select=value)`;
}

/** A current value overrides the definition's default; an empty string counts as unset. */
export function settingsFromRecords(entities: Record<string, unknown>[]): ProxySettings {
  const out = Object.fromEntries(ENV_VARS.map((n) => [n, null])) as ProxySettings;
  for (const e of entities) {
    const name = ENV_VARS.find((n) => n.toLowerCase() === String(e.schemaname ?? '').toLowerCase());
    if (!name) continue;
    const values = (e.environmentvariabledefinition_environmentvariablevalue as { value?: string | null }[] | undefined) ?? [];
    const current = values.find((v) => v.value)?.value ?? null;
    const fallback = typeof e.defaultvalue === 'string' && e.defaultvalue ? e.defaultvalue : null;
    out[name] = current || fallback;
  }
  return out;
}

export async function readProxySettings(webAPI: RetrieveMultiple | null | undefined): Promise<ProxySettings> {
  if (!webAPI) return settingsFromRecords([]);
  const result = await webAPI.retrieveMultipleRecords('environmentvariabledefinition', environmentQuery());
  return settingsFromRecords(result.entities);
}

/**
 * The signed-in user's sign-in name, for MSAL's login hint: `systemuser.domainname` is the user's UPN for
 * Entra users. PCF's userSettings only carry the id and the display name.
 */
export async function readLoginHint(webAPI: WebApi | null | undefined, userId: string | null | undefined): Promise<string | null> {
  if (!webAPI?.retrieveRecord || !userId) return null;
  const row = await webAPI.retrieveRecord('systemuser', userId.replace(/^\{|\}$/g, ''), '?$select=domainname');
  return typeof row.domainname === 'string' && row.domainname.includes('@') ? row.domainname : null;
}
