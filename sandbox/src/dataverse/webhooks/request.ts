/**
 * Turns (step, write) into the HTTP request Dataverse sends (specs/dataverse-webapi.md §6.3): JSON body, the
 * `x-ms-*` headers, the 256 KB trimming rule, and the endpoint's authentication (§6.2).
 */
import type { WriteEvent } from '../pipeline/types';
import { applyAuth, checkWebhookUrl } from './auth';
import { buildRemoteExecutionContext, MAX_WEBHOOK_BODY_BYTES, trimOversized } from './context';
import type { WebhookRequest } from './delivery';
import type { MatchedStep } from './registrations';
import { serializeWcf, type NameResolver } from './wcf';

export interface RequestSettings {
  readonly organization: { readonly id: string; readonly name: string; readonly domain: string };
  readonly businessUnitId: string;
  readonly allowAnyPort: boolean;
  readonly names: NameResolver;
}

export type BuiltRequest = { readonly ok: true; readonly request: WebhookRequest } | { readonly ok: false; readonly reason: string };

export function buildWebhookRequest(step: MatchedStep, event: WriteEvent, settings: RequestSettings): BuiltRequest {
  const urlProblem = checkWebhookUrl(step.endpoint.url, settings.allowAnyPort);
  if (urlProblem) return { ok: false, reason: urlProblem };
  const auth = applyAuth(step.endpoint.url, step.endpoint.authtype, step.endpoint.authvalue);
  if (!auth.ok) return auth;

  const context = buildRemoteExecutionContext({
    event,
    step,
    images: step.images,
    organization: settings.organization,
    businessUnitId: settings.businessUnitId,
    names: settings.names,
  });
  let body = serializeWcf(context);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-ms-dynamics-organization': settings.organization.domain,
    'x-ms-dynamics-entity-name': event.table.logicalName,
    'x-ms-dynamics-request-name': event.message,
    'x-ms-correlation-request-id': event.context.correlationId,
  };
  if (Buffer.byteLength(body, 'utf8') > MAX_WEBHOOK_BODY_BYTES) {
    body = serializeWcf(trimOversized(context));
    headers['x-ms-dynamics-msg-size-exceeded'] = 'true';
  }
  // Configured headers first: a setting named like one of ours cannot override the platform headers.
  return { ok: true, request: { url: auth.url, headers: { ...auth.headers, ...headers }, body } };
}
