/** context.webAPI of the preview: the host page's server forwards to the Dataverse emulator as the sales rep. */
export interface PreviewWebApi {
  retrieveMultipleRecords(entityLogicalName: string, options?: string, maxPageSize?: number): Promise<{ entities: Record<string, unknown>[]; nextLink?: string }>;
  retrieveRecord(entityLogicalName: string, id: string, options?: string): Promise<Record<string, unknown>>;
}

export class WebApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const error = (body.error ?? {}) as { code?: string; message?: string };
    throw new WebApiError(error.message ?? `HTTP ${res.status}`, res.status, error.code);
  }
  return body;
}

export function previewWebApi(base = '/preview/webapi'): PreviewWebApi {
  const query = (options?: string) => (options ? (options.startsWith('?') ? options : `?${options}`) : '');
  return {
    async retrieveMultipleRecords(entity, options, maxPageSize) {
      const q = query(options);
      const top = maxPageSize ? `${q ? '&' : '?'}$top=${maxPageSize}` : '';
      const body = await getJson(`${base}/${encodeURIComponent(entity)}${q}${top}`);
      const nextLink = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : undefined;
      return { entities: (body.value as Record<string, unknown>[]) ?? [], ...(nextLink ? { nextLink } : {}) };
    },
    retrieveRecord(entity, id, options) {
      return getJson(`${base}/${encodeURIComponent(entity)}/${encodeURIComponent(id.replace(/[{}]/g, ''))}${query(options)}`);
    },
  };
}
