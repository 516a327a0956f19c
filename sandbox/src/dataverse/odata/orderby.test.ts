import { accountMeta, contactMeta, ids, sampleRows } from './fixtures/tables';
import { compareRows, orderByText, parseOrderBy, sortRows } from './orderby';
import { compareGuids } from './properties';

const contacts = sampleRows().contact ?? [];
const names = (rows: readonly Record<string, unknown>[]) => rows.map((r) => r.firstname);
const sorted = (orderby: string) => names([...contacts].sort(compareRows(parseOrderBy(orderby, contactMeta), contactMeta)));

describe('compareRows', () => {
  it('orders by primary key in SQL Server uniqueidentifier order when no $orderby is given', () => {
    const a = { contactid: '00000000-0000-0000-0000-000000000002' };
    const b = { contactid: '00000000-0000-0000-0000-000000000001' };
    const c = { contactid: 'ffffffff-0000-0000-0000-000000000000' };
    // The last six bytes dominate: c (…000000000000) sorts before b (…01) before a (…02).
    expect([a, b, c].sort(compareRows([], contactMeta))).toEqual([c, b, a]);
    // The paging sample's rows come back in this order.
    expect([ids.nancy, ids.susanna, ids.yvonne].sort(compareGuids)).toEqual([ids.yvonne, ids.susanna, ids.nancy]);
  });

  it('puts nulls first ascending and last descending, like SQL Server', () => {
    expect(sorted('emailaddress1')).toEqual(['Nancy', 'Susanna', 'Yvonne']);
    expect(sorted('emailaddress1 desc')).toEqual(['Yvonne', 'Susanna', 'Nancy']);
    expect(sorted('numberofchildren asc')).toEqual(['Nancy', 'Susanna', 'Yvonne']);
  });

  it('compares strings case-insensitively and dates chronologically', () => {
    expect(sorted('lastname')).toEqual(['Nancy', 'Yvonne', 'Susanna']);
    expect(sorted('createdon desc')).toEqual(['Nancy', 'Susanna', 'Yvonne']);
  });

  it('sorts choices by label and breaks ties with the next key then the primary key', () => {
    // Female (2) sorts before Male (1) by label; null first.
    expect(sorted('gendercode')).toEqual(['Susanna', 'Yvonne', 'Nancy']);
    expect(sorted('donotemail desc,firstname')).toEqual(['Susanna', 'Nancy', 'Yvonne']);
  });

  it('sortRows gives the same order as compareRows', () => {
    const orderby = parseOrderBy('donotemail,createdon desc', contactMeta);
    expect(names(sortRows(contacts, orderby, contactMeta))).toEqual(names([...contacts].sort(compareRows(orderby, contactMeta))));
  });

  it('renders $orderby text back with lookups as _x_value', () => {
    expect(orderByText(parseOrderBy('_primarycontactid_value desc,name', accountMeta))).toBe('_primarycontactid_value desc,name');
  });
});
