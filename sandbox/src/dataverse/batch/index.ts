/** `$batch` engine of the Dataverse emulator (specs/dataverse-webapi.md §3). */
export { executeBatch } from './executor';
export { batchContentType, parseBatchResponse, serializeBatchRequest } from './client';
export type {
  BatchContext,
  BatchItem,
  BatchPreferences,
  BatchResponsePart,
  BatchResult,
  ChangeSetRequest,
  SubRequest,
  SubResponse,
} from './types';
export { MAX_BATCH_OPERATIONS } from './types';
