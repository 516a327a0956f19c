import { JOB_STATUS, JOB_TRANSITIONS, transition, type JobStatus, type SystemJob } from './jobs';

function job(status: JobStatus): SystemJob {
  return {
    asyncoperationid: 'j', name: 'n', operationtype: 1, statecode: JOB_STATUS[status].state, statuscode: status, messagename: 'Update',
    primaryentitytype: 'contact', owningextensionid: { id: 's', logicalName: 'sdkmessageprocessingstep' }, regardingobjectid: { id: 'c', logicalName: 'contact' },
    correlationid: 'c', operationid: 'o', depth: 1, createdon: 't0', startedon: null, completedon: null, retrycount: 0, message: null, friendlymessage: null, errorcode: null,
  };
}

describe('System Job state machine', () => {
  const statuses = Object.keys(JOB_STATUS).map(Number) as JobStatus[];

  it('walks every pair: allowed transitions apply and set statecode, others throw', () => {
    for (const from of statuses)
      for (const to of statuses) {
        const j = job(from);
        if (JOB_TRANSITIONS[from].includes(to)) {
          transition(j, to, 't1');
          expect([j.statuscode, j.statecode]).toEqual([to, JOB_STATUS[to].state]);
          expect(j.completedon).toBe(JOB_STATUS[to].state === 3 ? 't1' : null);
        } else expect(() => transition(j, to, 't1')).toThrow(/not allowed/);
      }
  });

  it('completed states (statecode 3) are final and reachable from In Progress', () => {
    for (const s of statuses) if (JOB_STATUS[s].state === 3) expect(JOB_TRANSITIONS[s]).toEqual([]);
    expect(JOB_TRANSITIONS[20]).toEqual(expect.arrayContaining([30, 31]));
  });
});
