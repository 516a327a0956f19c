export { createDataverseClient, type DataverseClient, type QueryOptions, type QueryPage, type Row, type WhoAmI, type WriteResult } from './client';
export type { BatchItem, BatchOperation, BatchResult } from './batch';
export { alternateKey, isGuid } from './keys';
export { DATAVERSE_DEFAULT_LIMITS, DATAVERSE_MAX_CONCURRENCY, type DataverseClientOptions } from './options';
export type { DataverseStats } from './transport';
export type { TokenSource } from './token';
