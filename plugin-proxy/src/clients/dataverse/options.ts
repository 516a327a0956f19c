/** Options of the Dataverse client, validated once and frozen. */
import { ConnectorError } from '../../errors';
import type { WindowLimits } from '../shared/pacer';
import type { CoalesceOptions } from './coalesce';

export interface DataverseClientOptions {
  /** Org URL, e.g. `http://127.0.0.1:5555` or `https://contoso.crm.dynamics.com`; also the token audience. */
  url: string;
  /** e.g. `https://localhost:5555/sandbox` or `https://login.microsoftonline.com/<tenant>`. */
  authority: string;
  clientId: string;
  clientSecret: string;
  /** Extra CA (PEM) for the sandbox's https endpoints. */
  ca?: string;
  apiVersion?: '9.2';
  /** Requests in flight at once; default 16, never above the platform's 52 (§4.4). */
  maxConcurrency?: number;
  limits?: { requestsPerWindow: number; windowMs: number; executionMsPerWindow: number };
  timeoutMs?: number;
  /** How `changeSet()` groups concurrent change sets into `$batch` requests (coalesce.ts defaults). */
  changeSets?: CoalesceOptions;
}

/** The real service protection limits per user (dataverse-webapi.md §4.4). */
export const DATAVERSE_DEFAULT_LIMITS = Object.freeze({ requestsPerWindow: 6000, windowMs: 300_000, executionMsPerWindow: 1_200_000 });
export const DATAVERSE_MAX_CONCURRENCY = 52;

export type ResolvedOptions = Readonly<Required<Omit<DataverseClientOptions, 'ca' | 'limits' | 'changeSets'>> & { ca?: string; limits: Required<WindowLimits>; changeSets?: CoalesceOptions }>;

export function resolveOptions(o: DataverseClientOptions): ResolvedOptions {
  const fail = (message: string) => new ConnectorError('CONNECTOR_ERR_CONFIG', `Dataverse client: ${message}`, { classification: 'validation' });
  for (const name of ['url', 'authority'] as const) {
    try {
      new URL(o[name]);
    } catch {
      throw fail(`${name} must be an absolute URL`);
    }
  }
  if (!o.clientId || !o.clientSecret) throw fail('clientId and clientSecret are required');
  const maxConcurrency = Math.min(DATAVERSE_MAX_CONCURRENCY, Math.max(1, Math.floor(o.maxConcurrency ?? 16)));
  const limits = o.limits ?? DATAVERSE_DEFAULT_LIMITS;
  if (!(limits.requestsPerWindow > 0 && limits.windowMs > 0 && limits.executionMsPerWindow > 0)) throw fail('limits must be positive');
  return Object.freeze({
    url: o.url.replace(/\/+$/, ''),
    authority: o.authority,
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    ...(o.ca ? { ca: o.ca } : {}),
    apiVersion: o.apiVersion ?? '9.2',
    maxConcurrency,
    limits: Object.freeze({ ...limits }),
    timeoutMs: o.timeoutMs ?? 120_000,
    ...(o.changeSets ? { changeSets: Object.freeze({ ...o.changeSets }) } : {}),
  });
}
