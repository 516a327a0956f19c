/// <reference types="xrm" />
/**
 * Proxy settings come from the solution's environment variables, read through Xrm.WebApi: the current value
 * (environmentvariablevalue) when an admin set one, else the definition's default value.
 */

export const ENV = { baseUrl: 'clar_ProxyBaseUrl', clientId: 'clar_ProxyClientId', scope: 'clar_ProxyScope', tenantId: 'clar_TenantId' } as const;

export interface ProxySettings {
  readonly baseUrl: string;
  readonly clientId?: string;
  readonly scope?: string;
  readonly tenantId?: string;
}

interface DefinitionRow {
  schemaname: string;
  defaultvalue?: string | null;
  environmentvariabledefinition_environmentvariablevalue?: { value?: string | null }[];
}

export async function readProxySettings(): Promise<ProxySettings> {
  const names = Object.values(ENV);
  const filter = names.map((n) => `schemaname eq '${n}'`).join(' or ');
  const result = await Xrm.WebApi.retrieveMultipleRecords(
    'environmentvariabledefinition',
    `?$select=schemaname,defaultvalue&$filter=${filter}&$expand=environmentvariabledefinition_environmentvariablevalue($select=value)`,
  );
  const values = new Map<string, string>();
  for (const row of result.entities as DefinitionRow[]) {
    const current = row.environmentvariabledefinition_environmentvariablevalue?.[0]?.value;
    const value = current || row.defaultvalue;
    if (value) values.set(row.schemaname, value);
  }
  const baseUrl = values.get(ENV.baseUrl);
  if (!baseUrl) throw new Error(`the environment variable ${ENV.baseUrl} has no value: set it in the ClarityConnect solution`);
  return { baseUrl: baseUrl.replace(/\/+$/, ''), clientId: values.get(ENV.clientId), scope: values.get(ENV.scope), tenantId: values.get(ENV.tenantId) };
}
