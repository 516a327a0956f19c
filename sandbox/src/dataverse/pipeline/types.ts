import type { TableMeta } from '../metadata/registry';
import type { EntityRecord } from '../store/types';

/** Who runs an operation and in which execution context (what a RemoteExecutionContext reports). */
export interface ExecutionContext {
  /** systemuserid of the calling user (for the connector: its application user). */
  readonly userId: string;
  readonly initiatingUserId: string;
  /** Entra object id of the caller, when authenticated by token. */
  readonly userAadObjectId?: string;
  readonly correlationId: string;
  readonly requestId: string;
  /** 1 for a direct API call. */
  readonly depth: number;
  readonly userAgent?: string;
}

export type MessageName = 'Create' | 'Update' | 'Delete';

/** One row write as the event pipeline sees it. */
export interface WriteEvent {
  readonly message: MessageName;
  readonly table: TableMeta;
  readonly id: string;
  /** Create/Update: the columns the caller set plus system columns (modifiedon, modifiedby, …); Delete: {}. */
  readonly target: Readonly<EntityRecord>;
  /** Row before the write (Update/Delete). */
  readonly preImage?: Readonly<EntityRecord>;
  /** Row after the write (Create/Update). */
  readonly postImage?: Readonly<EntityRecord>;
  readonly context: ExecutionContext;
  /** Unique per operation; retries of a webhook for this event repeat it. */
  readonly operationId: string;
  readonly createdOn: Date;
}

/**
 * Something that observes writes, like a registered plug-in step. `postOperationSync` runs after the write is
 * applied and before it is committed: throwing rolls the write back and fails the caller's request (a failing
 * synchronous step). `committed` runs after commit and must not throw (asynchronous steps).
 */
export interface PipelineExtension {
  postOperationSync?(event: WriteEvent): Promise<void>;
  committed?(event: WriteEvent): void;
}
