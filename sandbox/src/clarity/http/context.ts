/** What every route module receives, and the per-route config the hooks read. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClarityProblem } from '../domain/problem';
import type { ResolvedOptions, Scope } from '../options';
import type { ClarityState } from '../state/state';
import type { AuthRegistry, Credential } from './auth';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Scope the token must carry. */
    scope?: Scope;
    /** `required` answers 400 without an Idempotency-Key (spec §4.11). */
    idempotency?: 'required' | 'optional';
    /** Rate-limit cost (spec §4.9: `POST /orders` costs 2). */
    cost?: number;
    /** Accept `application/merge-patch+json` as well as `application/json`. */
    mergePatch?: boolean;
  }
  interface FastifyRequest {
    credential?: Credential;
    idempotencyScope?: string;
  }
}

export interface Ctx {
  state: ClarityState;
  opts: ResolvedOptions;
  auth: AuthRegistry;
  nowMs(): number;
}

/** `If-Match: "7"` (or `W/"7"`, or `*`) → expected version; absent or `*` → undefined. */
export function ifMatch(req: FastifyRequest): number | undefined {
  const h = req.headers['if-match'];
  if (h === undefined || h.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(h);
  if (!m) throw new ClarityProblem('invalid_request', 'If-Match must be an ETag such as "7".');
  return Number(m[1]);
}

export function withEtag<T extends { version: number }>(reply: FastifyReply, resource: T): T {
  reply.header('ETag', `"${resource.version}"`);
  return resource;
}

export function bodyObject(req: FastifyRequest): Record<string, unknown> {
  const b = req.body;
  if (b === undefined || b === null) return {};
  if (typeof b !== 'object' || Array.isArray(b)) throw new ClarityProblem('invalid_request', 'The body must be a JSON object.');
  return b as Record<string, unknown>;
}

export function param(req: FastifyRequest, name: string): string {
  return (req.params as Record<string, string>)[name]!;
}
