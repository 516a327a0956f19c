import { scaledLimits } from '../../../sandbox/src/dataverse/limits';
import { recordCeiling } from './ceiling';

const LIMITS = scaledLimits(1 / 60); // 100 requests and 20,000 ms of execution per 5 s window, 52 concurrent

describe('recordCeiling', () => {
  it('one record per request, short requests: the request count binds at 20 records/s', () => {
    expect(recordCeiling(LIMITS, { records: 300, writes: 300, admitted: 300, executionMs: 300 * 20 })).toMatchObject({ recordsPerSecond: 20, requestsPerSecond: 20, bound: 'requests' });
  });

  it('scales with the records one write carries; reads lower nothing but the share reached', () => {
    const onlyWrites = recordCeiling(LIMITS, { records: 5000, writes: 100, admitted: 100, executionMs: 100 * 50 });
    const withReads = recordCeiling(LIMITS, { records: 5000, writes: 100, admitted: 400, executionMs: 400 * 50 });
    expect(onlyWrites.recordsPerSecond).toBe(1000);
    expect(withReads.recordsPerSecond).toBe(1000);
  });

  it('long requests: the execution-time budget (4 s of execution per second) binds', () => {
    const c = recordCeiling(LIMITS, { records: 10_000, writes: 100, admitted: 100, executionMs: 100 * 400 });
    expect(c).toMatchObject({ bound: 'execution time', requestsPerSecond: 10, recordsPerWrite: 100, recordsPerSecond: 1000, meanRequestMs: 400 });
  });

  it('concurrency binds only when it is lower than the time budget', () => {
    const c = recordCeiling({ ...LIMITS, maxConcurrent: 2 }, { records: 100, writes: 100, admitted: 100, executionMs: 100 * 250 });
    expect(c).toMatchObject({ bound: 'concurrency', requestsPerSecond: 8 });
  });
});
