export { DEFAULT_RETRY_POLICY, classify, nextAttempt, type RetryDecision, type RetryPolicy } from './policy';
export { isNetworkError } from './network';
