/**
 * The connector's error catalogue: stable codes an operator can search for, the HTTP status the proxy answers
 * with, and whether the failure is worth retrying. docs/errors.md lists them; a test keeps the two in step.
 */
export interface ErrorSpec {
  readonly status: number;
  readonly retryable: boolean;
  readonly description: string;
}

export const ERROR_CATALOGUE = {
  CONNECTOR_ERR_CONFIG: { status: 500, retryable: false, description: 'Configuration is missing or invalid; the message names the variable.' },
  CONNECTOR_ERR_BAD_SIGNATURE: { status: 401, retryable: false, description: 'A webhook signature, key or timestamp did not verify.' },
  CONNECTOR_ERR_UNAUTHORIZED: { status: 401, retryable: false, description: 'A bearer token is missing, invalid or expired.' },
  CONNECTOR_ERR_FORBIDDEN: { status: 403, retryable: false, description: 'The caller is authenticated but lacks the needed role.' },
  CONNECTOR_ERR_MALFORMED: { status: 400, retryable: false, description: 'A request body is not valid JSON or lacks required fields.' },
  CONNECTOR_ERR_TOO_LARGE: { status: 413, retryable: false, description: 'A request body is larger than the configured limit.' },
  CONNECTOR_ERR_NOT_FOUND: { status: 404, retryable: false, description: 'The job, record or route does not exist.' },
  CONNECTOR_ERR_CONFLICT: { status: 409, retryable: false, description: 'The operation does not fit the current state (e.g. editing a job that is not dead-lettered).' },
  CONNECTOR_ERR_MAPPING: { status: 500, retryable: false, description: 'A mapping definition is invalid; the message names the mapping and field.' },
  CONNECTOR_ERR_VALIDATION: { status: 422, retryable: false, description: 'The target system rejected the data (validation); the job is dead-lettered.' },
  CONNECTOR_ERR_TRANSIENT: { status: 503, retryable: true, description: 'A network error, timeout or 5xx from a target system.' },
  CONNECTOR_ERR_THROTTLED: { status: 429, retryable: true, description: 'A target system throttled the call (429, service protection limits).' },
  CONNECTOR_ERR_AUTH: { status: 502, retryable: false, description: 'The connector could not authenticate to a target system (credentials, consent, application user).' },
  CONNECTOR_ERR_UPSTREAM_CONFLICT: { status: 409, retryable: true, description: 'A concurrent change (ETag/version mismatch, duplicate key race); retried after re-reading.' },
  CONNECTOR_ERR_STORE: { status: 503, retryable: true, description: 'The connector database is unavailable.' },
  CONNECTOR_ERR_INTERNAL: { status: 500, retryable: true, description: 'An unexpected error in the connector itself.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** How the retry policy treats a failure (style.md practice 4). */
export type ErrorClass = 'transient' | 'throttled' | 'validation' | 'auth' | 'conflict' | 'internal';

export class ConnectorError extends Error {
  readonly status: number;
  readonly retryable: boolean;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: {
      classification?: ErrorClass;
      /** Seconds the target asked us to wait (Retry-After). */
      retryAfterSec?: number;
      /** Upstream HTTP status and error code, for the dead-letter view. */
      upstreamStatus?: number;
      upstreamCode?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message);
    this.name = 'ConnectorError';
    this.status = ERROR_CATALOGUE[code].status;
    this.retryable = ERROR_CATALOGUE[code].retryable;
  }

  toJSON(): { code: ErrorCode; message: string; classification?: ErrorClass; upstreamStatus?: number; upstreamCode?: string } {
    const { classification, upstreamStatus, upstreamCode } = this.details;
    return { code: this.code, message: this.message, classification, upstreamStatus, upstreamCode };
  }
}
