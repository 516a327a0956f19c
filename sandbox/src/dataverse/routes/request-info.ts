import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../errors';
import { executionContext, header, serviceRoot } from '../http/context';
import { parseResourcePath, type ResourcePath } from '../http/resource-path';
import type { TableMeta } from '../metadata/registry';
import type { ExecutionContext } from '../pipeline/types';
import type { EmulatorCore } from '../core';

/** What every entity handler needs about one request, parsed once. */
export interface RequestInfo {
  core: EmulatorCore;
  request: FastifyRequest;
  reply: FastifyReply;
  version: string;
  root: string;
  path: ResourcePath;
  table: TableMeta;
  query: URLSearchParams;
  rawQuery: string;
  context(): ExecutionContext;
  header(name: string): string | undefined;
}

const VERSIONS = new Set(['v9.0', 'v9.1', 'v9.2']);

export function requestInfo(core: EmulatorCore, request: FastifyRequest, reply: FastifyReply): RequestInfo | undefined {
  const m = /^\/api\/data\/([^/?]+)\/([^?]*)(?:\?(.*))?$/.exec(request.url);
  if (!m || !VERSIONS.has(m[1] as string)) return undefined;
  const version = m[1] as string;
  const path = parseResourcePath(m[2] as string);
  const table = core.registry.tableBySet(path.entitySet);
  // Entity set names are case-sensitive: `Account` is not `accounts` (spec §1.1, 0x8006088a).
  if (!table) throw errors.resourceNotFoundForSegment(path.entitySet);
  const rawQuery = m[3] ?? '';
  return {
    core,
    request,
    reply,
    version,
    root: serviceRoot(request, version),
    path,
    table,
    query: new URLSearchParams(rawQuery),
    rawQuery,
    context: () => executionContext(request, core.org),
    header: (name) => header(request, name),
  };
}
