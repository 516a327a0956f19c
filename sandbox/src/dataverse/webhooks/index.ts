/** Webhook emulation (specs/dataverse-webapi.md §6): the emitter, the org's seed rows and the helpers routes need. */
export { createWebhookEmitter, type WebhookEmitter, type WebhookEmitterOptions } from './emitter';
export { seedWebhookMessages, sdkMessageFilterId, SDK_MESSAGE_IDS, SEEDED_MESSAGES, type SeedOptions } from './seed';
export { checkWebhookUrl, parseAuthPairs } from './auth';
export { buildRemoteExecutionContext, trimOversized, MAX_WEBHOOK_BODY_BYTES, type RemoteExecutionContext } from './context';
export { JOB_STATUS, JOB_TRANSITIONS, type SystemJob } from './jobs';
export { WEBHOOK_TABLES } from './tables';
