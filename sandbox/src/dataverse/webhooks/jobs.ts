/**
 * In-memory System Jobs for async webhook steps (specs/dataverse-webapi.md §6.3: failures are recorded as
 * `asyncoperation` rows with statuscode 31 Failed, found by `_owningextensionid_value`). Column names follow the
 * asyncoperation table so the list can become a real table later. States and transitions are data (style §5).
 */
import type { LookupValue } from '../store/types';

/** statuscode → statecode and label, from the asyncoperation reference. */
export const JOB_STATUS = {
  0: { state: 0, label: 'Waiting For Resources' },
  10: { state: 1, label: 'Waiting' },
  20: { state: 2, label: 'In Progress' },
  30: { state: 3, label: 'Succeeded' },
  31: { state: 3, label: 'Failed' },
  32: { state: 3, label: 'Canceled' },
} as const;

export type JobStatus = keyof typeof JOB_STATUS;

/** Allowed statuscode transitions; completed states are final. */
export const JOB_TRANSITIONS: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  0: [20, 32],
  10: [20, 32],
  20: [10, 30, 31, 32],
  30: [],
  31: [],
  32: [],
};

export interface SystemJob {
  readonly asyncoperationid: string;
  readonly name: string;
  /** 1 = System Event. */
  readonly operationtype: 1;
  statecode: number;
  statuscode: JobStatus;
  readonly messagename: string;
  readonly primaryentitytype: string;
  readonly owningextensionid: LookupValue;
  readonly regardingobjectid: LookupValue;
  readonly correlationid: string;
  readonly operationid: string;
  readonly depth: number;
  readonly createdon: string;
  startedon: string | null;
  completedon: string | null;
  /** Attempts after the first. */
  retrycount: number;
  message: string | null;
  friendlymessage: string | null;
  errorcode: number | null;
}

export function transition(job: SystemJob, to: JobStatus, at: string): void {
  if (!JOB_TRANSITIONS[job.statuscode].includes(to)) throw new Error(`asyncoperation ${job.asyncoperationid}: ${job.statuscode} -> ${to} is not allowed`);
  job.statuscode = to;
  job.statecode = JOB_STATUS[to].state;
  if (to === 20 && job.startedon === null) job.startedon = at;
  if (JOB_STATUS[to].state === 3) job.completedon = at;
}
