/**
 * Contracts of the `$batch` engine (specs/dataverse-webapi.md §3). The route that wires `executeBatch`
 * into fastify is written against these; keep them stable.
 */

/** One operation of a batch, as handed to the normal API. */
export interface SubRequest {
  method: string;
  /** Path + query relative to the host, e.g. `/api/data/v9.2/contacts(…)`. */
  url: string;
  /** Header names are lower-case when produced by the parser (what fastify.inject expects anyway). */
  headers: Record<string, string>;
  body?: string;
  contentId?: string;
}

export interface SubResponse {
  status: number;
  statusText?: string;
  headers: Record<string, string>;
  body: string;
}

export interface BatchContext {
  /** Runs one part through the normal API (the caller uses fastify.inject). */
  dispatch(req: SubRequest): Promise<SubResponse>;
  /** All-or-nothing for a change set: throwing inside rolls back. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** e.g. `http://127.0.0.1:5555/api/data/v9.2/`; absolute URLs in parts are made relative to it. */
  serviceRoot: string;
  newGuid(): string;
}

export interface BatchResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface BatchPreferences {
  /** `Prefer: odata.continue-on-error` */
  continueOnError: boolean;
}

/** A change set as a client writes it (serializeBatchRequest). */
export interface ChangeSetRequest {
  changeSet: SubRequest[];
  /** Defaults to `changeset_<random uuid>`. */
  boundary?: string;
}

export type BatchItem = SubRequest | ChangeSetRequest;

export type BatchResponsePart = SubResponse & { contentId?: string };

/** §3: "up to 1000 requests per batch" (change-set operations included). */
export const MAX_BATCH_OPERATIONS = 1000;
