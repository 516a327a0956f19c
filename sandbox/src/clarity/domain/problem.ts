/**
 * RFC 9457 problem details with the stable codes of spec §4.10. Route code throws `ClarityProblem`;
 * the app's error handler renders it as `application/problem+json`.
 */

export const PROBLEM_CODES = {
  invalid_request: { status: 400, title: 'Invalid request' },
  cursor_filter_mismatch: { status: 400, title: 'Cursor does not match the filters' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  insufficient_scope: { status: 403, title: 'Insufficient scope' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  duplicate_email: { status: 409, title: 'Email already in use' },
  invalid_status_transition: { status: 409, title: 'Invalid status transition' },
  idempotency_in_progress: { status: 409, title: 'Idempotent request in progress' },
  version_mismatch: { status: 412, title: 'Version mismatch' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  validation_error: { status: 422, title: 'Validation failed' },
  totals_mismatch: { status: 422, title: 'Totals do not match' },
  idempotency_key_reused: { status: 422, title: 'Idempotency key reused' },
  read_only_field: { status: 422, title: 'Read-only field' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export interface FieldError { field: string; code: string; message: string }

export interface ProblemBody {
  type: string; title: string; status: number; detail?: string; instance?: string;
  code: ProblemCode; requestId?: string; errors?: FieldError[];
  [extension: string]: unknown;
}

export class ClarityProblem extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(detail ?? PROBLEM_CODES[code].title);
    this.status = PROBLEM_CODES[code].status;
  }
}

export const problemType = (code: ProblemCode): string =>
  `https://developer.clarity.example/problems/${code.replace(/_/g, '-')}`;

export function problemBody(p: ClarityProblem, instance: string, requestId: string): ProblemBody {
  const { headers: _headers, ...extensions } = p.extra;
  return {
    type: problemType(p.code), title: PROBLEM_CODES[p.code].title, status: p.status,
    ...(p.detail ? { detail: p.detail } : {}), instance, code: p.code, requestId, ...extensions,
  };
}

export const notFound = (what: string, id: string): ClarityProblem =>
  new ClarityProblem('not_found', `${what} '${id}' does not exist.`);

export const validation = (errors: FieldError[]): ClarityProblem =>
  new ClarityProblem('validation_error', `${errors.length} field${errors.length === 1 ? ' is' : 's are'} invalid.`, { errors });
