import { threeWayMerge, type MergeInput } from './merge';
import type { FieldPolicy } from './types';

const both: FieldPolicy = { sourceOfTruth: 'both', direction: 'both' };
const fields: Record<string, FieldPolicy> = {
  firstname: both,
  telephone1: both,
  emailaddress1: { sourceOfTruth: 'clarity', direction: 'both' },
  jobtitle: { sourceOfTruth: 'dataverse', direction: 'both' },
  clar_loyaltypoints: { sourceOfTruth: 'clarity', direction: 'clarity-to-dataverse' },
};
const base = { firstname: 'Maria', telephone1: '+15125550142', emailaddress1: 'maria@example.com', jobtitle: 'Owner', clar_loyaltypoints: 1250 };
const merge = (over: Partial<MergeInput>) =>
  threeWayMerge({ base, clarity: base, dataverse: base, fields, clarityUpdatedAt: '2025-01-15T14:31:02Z', dataverseModifiedOn: '2025-01-15T14:00:00Z', ...over });

describe('threeWayMerge', () => {
  it('nothing changed: nothing to write', () => {
    expect(merge({})).toEqual({ toDataverse: {}, toClarity: {}, conflicts: [], merged: base });
  });

  it('a change on one side flows to the other', () => {
    expect(merge({ clarity: { ...base, telephone1: '+15125550199' } })).toMatchObject({ toDataverse: { telephone1: '+15125550199' }, toClarity: {}, conflicts: [] });
    expect(merge({ dataverse: { ...base, firstname: 'María' } })).toMatchObject({ toDataverse: {}, toClarity: { firstname: 'María' }, conflicts: [] });
  });

  it('both changed to the same value: no write, no conflict', () => {
    const same = { ...base, firstname: 'Mary' };
    expect(merge({ clarity: same, dataverse: same })).toEqual({ toDataverse: {}, toClarity: {}, conflicts: [], merged: same });
  });

  it('both changed differently: sourceOfTruth decides and the conflict is recorded', () => {
    const r = merge({ clarity: { ...base, emailaddress1: 'c@example.com', jobtitle: 'CEO' }, dataverse: { ...base, emailaddress1: 'd@example.com', jobtitle: 'Founder' } });
    expect(r.toDataverse).toEqual({ emailaddress1: 'c@example.com' });
    expect(r.toClarity).toEqual({ jobtitle: 'Founder' });
    expect(r.conflicts).toEqual([
      { field: 'emailaddress1', clarityValue: 'c@example.com', dataverseValue: 'd@example.com', resolution: 'clarity', reason: 'sourceOfTruth' },
      { field: 'jobtitle', clarityValue: 'CEO', dataverseValue: 'Founder', resolution: 'dataverse', reason: 'sourceOfTruth' },
    ]);
  });

  it('both changed a "both" field: the newer record wins', () => {
    const input = { clarity: { ...base, firstname: 'Mary' }, dataverse: { ...base, firstname: 'Mia' } };
    const clarityNewer = merge(input);
    expect(clarityNewer.toDataverse).toEqual({ firstname: 'Mary' });
    expect(clarityNewer.conflicts[0]).toMatchObject({ resolution: 'clarity', reason: 'newer' });
    const dataverseNewer = merge({ ...input, dataverseModifiedOn: '2025-01-15T15:00:00Z' });
    expect(dataverseNewer.toClarity).toEqual({ firstname: 'Mia' });
    expect(dataverseNewer.toDataverse).toEqual({});
    expect(dataverseNewer.conflicts[0]).toMatchObject({ resolution: 'dataverse', reason: 'newer' });
  });

  it('a one-way field edited on the receiving side is put back, never sent the wrong way', () => {
    const r = merge({ dataverse: { ...base, clar_loyaltypoints: 99999 } });
    expect(r.toClarity).toEqual({});
    expect(r.toDataverse).toEqual({ clar_loyaltypoints: 1250 });
    expect(r.conflicts).toEqual([{ field: 'clar_loyaltypoints', clarityValue: 1250, dataverseValue: 99999, resolution: 'clarity', reason: 'oneWay' }]);
  });

  it('absent means no opinion; an explicit null is a clearing change', () => {
    const { telephone1: _omit, ...withoutPhone } = base;
    expect(merge({ clarity: withoutPhone })).toMatchObject({ toDataverse: {}, toClarity: {} });
    expect(merge({ clarity: { ...base, telephone1: null } })).toMatchObject({ toDataverse: { telephone1: null } });
  });

  it('first sync (no base): one-sided values flow, differing values are conflicts', () => {
    const r = merge({ base: null, clarity: { firstname: 'Maria', telephone1: '+15125550142' }, dataverse: { firstname: 'M.', jobtitle: 'Owner' } });
    expect(r.toDataverse).toEqual({ firstname: 'Maria', telephone1: '+15125550142' });
    expect(r.toClarity).toEqual({ jobtitle: 'Owner' });
    expect(r.conflicts).toEqual([{ field: 'firstname', clarityValue: 'Maria', dataverseValue: 'M.', resolution: 'clarity', reason: 'newer' }]);
    expect(r.merged).toEqual({ firstname: 'Maria', telephone1: '+15125550142', jobtitle: 'Owner' });
  });

  it('compares canonically (1 vs 1.0, timestamp spellings) and ignores fields outside the mapping', () => {
    const r = merge({
      fields: { ...fields, clar_lastsyncedon: both },
      base: { ...base, clar_lastsyncedon: '2025-01-15T14:31:02Z' },
      dataverse: { ...base, clar_loyaltypoints: 1250.0, clar_lastsyncedon: '2025-01-15T14:31:02.000Z', fullname: 'Maria Lopez' },
      clarity: { ...base, clar_lastsyncedon: '2025-01-15T14:31:02Z' },
    });
    expect(r).toMatchObject({ toDataverse: {}, toClarity: {}, conflicts: [] });
  });
});
