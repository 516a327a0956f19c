/** Public surface of the Clarity `/api/v1` emulator. */
export { buildClarityEmulator, type ClarityEmulator } from './app';
export { ALL_SCOPES, DEFAULT_RETRY_DELAYS_MS, type ClarityEmulatorOptions, type Scope } from './options';
export { ClarityState } from './state/state';
export { signStandardWebhook, verifyStandardWebhook, newWebhookSecret } from './webhooks/sign';
export type { DeliveryAttempt } from './webhooks/dispatcher';
export * from './types';
