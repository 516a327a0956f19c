import { batchErrors } from './batch-errors';
import { getHeader } from './http-part';
import type { SubResponse } from './types';

/**
 * Part URLs and Content-ID references (specs/dataverse-webapi.md §3).
 *
 * Part URLs may be absolute (`[Organization URI]/api/data/v9.2/…`, `http://host/api/data/…`), host-relative
 * (`/api/data/v9.2/tasks`) or relative to the service root (`tasks`); all become a host-relative path.
 * Inside a change set `$n` stands for the URI of the row created by the part with `Content-ID: n`, usable
 * as the URL (`PATCH $1`, `PUT $1/lastname`), in `"x@odata.bind": "$2"` and in `{"@odata.id": "$2"}`.
 */

/** `$`-prefixed OData resources that are not Content-ID references. */
const SYSTEM_RESOURCES = new Set(['batch', 'metadata', 'root', 'entity', 'crossjoin', 'all', 'count', 'ref', 'value']);

const REFERENCE = /^\$([^/?#()]+)(.*)$/s;

/** The Content-ID a value refers to (`$1/lastname` → `1`), or undefined when it is not a reference. */
export function referenceId(value: string): string | undefined {
  const match = REFERENCE.exec(value);
  if (!match || SYSTEM_RESOURCES.has(match[1]!)) return undefined;
  return match[1];
}

export function servicePath(serviceRoot: string): string {
  const path = new URL(serviceRoot).pathname;
  return path.endsWith('/') ? path : `${path}/`;
}

export function toPath(target: string, serviceRoot: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    // Any host is accepted: the emulator answers for whatever name the client uses for it.
    const url = URL.canParse(target) ? new URL(target) : undefined;
    return url ? url.pathname + url.search : target;
  }
  if (target.startsWith('/')) return target;
  return servicePath(serviceRoot) + target;
}

/** First entity-set segment after the service root, used to name the entity in payload errors. */
export function entitySetOf(path: string): string {
  const match = /\/api\/data\/v\d+(?:\.\d+)?\/([^/(?]+)/.exec(path);
  return match?.[1] ?? '';
}

/** The row URI an earlier part produced: `OData-EntityId`, else `Location` (samples 01–04). */
export function entityUrlOf(res: SubResponse): string | undefined {
  return getHeader(res.headers, 'OData-EntityId') ?? getHeader(res.headers, 'Location');
}

function isBindKey(key: string): boolean {
  return key.endsWith('@odata.bind') || key === '@odata.id';
}

/** Calls `visit` on every string that sits where a reference may appear; returns the rewritten value. */
function mapReferences(value: unknown, visit: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapReferences(item, visit));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (isBindKey(key) && typeof inner === 'string') out[key] = visit(inner);
    else if (key.endsWith('@odata.bind') && Array.isArray(inner))
      out[key] = inner.map((item: unknown) => (typeof item === 'string' ? visit(item) : item));
    else out[key] = mapReferences(inner, visit);
  }
  return out;
}

function parseJson(body: string | undefined): unknown {
  if (body === undefined || !body.includes('$')) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    // Not JSON: the route will reject it with its own error; there are no references to find.
    return undefined;
  }
}

/** Every `$n` a part uses, in its URL and body (checked before anything runs, as ODataLib does). */
export function referencesIn(target: string, body: string | undefined): string[] {
  const refs: string[] = [];
  const fromTarget = referenceId(target);
  if (fromTarget !== undefined) refs.push(fromTarget);
  const json = parseJson(body);
  if (json !== undefined)
    mapReferences(json, (value) => {
      const id = referenceId(value);
      if (id !== undefined) refs.push(id);
      return value;
    });
  return refs;
}

/** Known row URIs by Content-ID; throws the documented 400 for an unknown one. */
export type EntityUrls = ReadonlyMap<string, string>;

function resolveValue(value: string, urls: EntityUrls): string {
  const id = referenceId(value);
  if (id === undefined) return value;
  const url = urls.get(id);
  if (url === undefined) throw batchErrors.contentIdReference(`$${id}`);
  return url + value.slice(id.length + 1);
}

/** `$1/lastname` → `/api/data/v9.2/contacts(…)/lastname`; other targets → a path. */
export function resolveTarget(target: string, urls: EntityUrls, serviceRoot: string): string {
  return toPath(resolveValue(target, urls), serviceRoot);
}

/**
 * Replaces references in bind/`@odata.id` values with the absolute row URI, the way ODataLib resolves them.
 * The body is re-serialised only when something was replaced, so other bodies reach the route byte for byte.
 */
export function resolveBody(body: string | undefined, urls: EntityUrls): string | undefined {
  const json = parseJson(body);
  if (json === undefined) return body;
  let changed = false;
  const rewritten = mapReferences(json, (value) => {
    const resolved = resolveValue(value, urls);
    if (resolved !== value) changed = true;
    return resolved;
  });
  return changed ? JSON.stringify(rewritten) : body;
}
