/** Recognises network failures and timeouts from undici, fetch and node sockets (all worth a transient retry). */

const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN',
  // undici's socket-level errors (not its argument or usage errors, which are bugs).
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_SOCKET',
  'UND_ERR_CLOSED', 'UND_ERR_DESTROYED', 'UND_ERR_ABORTED', 'UND_ERR_RESPONSE_STATUS_CODE',
]);

export function isNetworkError(err: unknown, depth = 0): boolean {
  if (depth > 4 || typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; code?: unknown; cause?: unknown };
  // DOMException from AbortSignal.timeout(); our own aborts surface as AbortError.
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  // fetch() wraps the socket error: TypeError('fetch failed', { cause }).
  return e.cause !== undefined && isNetworkError(e.cause, depth + 1);
}
