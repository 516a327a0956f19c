import { accountMeta, contactMeta, ids, registry, sampleRows } from './fixtures/tables';
import { createExpander, type FetchRelated } from './expand-serialize';
import { parseQueryOptions } from './query-options';
import { createRowSerializer, navigationPropertyFor } from './serialize';
import { isLookupValue } from '../store/types';

const rows = sampleRows();
const fetchRelated: FetchRelated = (req) => {
  const table = registry.require(req.table);
  const all = rows[req.table] ?? [];
  if (req.kind === 'single') return all.filter((r) => r[table.primaryId] === req.id);
  return all.filter((r) => {
    const lv = r[req.column];
    return isLookupValue(lv) && lv.id === req.id;
  });
};
const ctx = {
  fetchRelated,
  annotations: () => false,
  lookupInfo: () => ({ navigationProperty: 'x' }),
};

describe('$expand serialization', () => {
  it('nests a single-valued navigation property with its own etag, or null (sample crud/create-bind-and-expand)', () => {
    const q = parseQueryOptions({ $select: 'name', $expand: 'primarycontactid($select=fullname)' }, accountMeta, registry);
    const serialize = createRowSerializer(accountMeta, { ...ctx, ...(q.select ? { select: q.select } : {}) });
    const expand = createExpander(accountMeta, q.expand, ctx);
    const [litware, adventure] = (rows.account ?? []).map((row) => ({ ...serialize(row), ...expand(row) }));
    expect(litware).toEqual({
      '@odata.etag': 'W/"81359849"',
      name: 'Litware, Inc. (sample)',
      accountid: ids.litware,
      primarycontactid: { '@odata.etag': 'W/"80648695"', fullname: 'Susanna Stubberod (sample)', contactid: ids.susanna },
    });
    expect(Object.keys(litware ?? {})).toEqual(['@odata.etag', 'name', 'accountid', 'primarycontactid']);
    expect(adventure?.primarycontactid).toBeNull();
  });

  it('expands a polymorphic lookup only when it points at that target', () => {
    const q = parseQueryOptions({ $expand: 'parentcustomerid_account($select=name),parentcustomerid_contact($select=firstname)' }, contactMeta, registry);
    const expand = createExpander(contactMeta, q.expand, ctx);
    const [yvonne, susanna] = rows.contact ?? [];
    expect(expand(yvonne ?? {})).toEqual({
      parentcustomerid_account: { '@odata.etag': 'W/"81359849"', name: 'Litware, Inc. (sample)', accountid: ids.litware },
      parentcustomerid_contact: null,
    });
    expect(expand(susanna ?? {}).parentcustomerid_contact).toMatchObject({ firstname: 'Yvonne' });
  });

  it('returns collection-valued properties as arrays honouring nested $filter/$orderby/$top', () => {
    rows.contact?.push({ contactid: '00000000-0000-0000-0000-000000000009', firstname: 'Zed', fullname: 'Zed Zulu', parentcustomerid: { id: ids.litware, logicalName: 'account' }, versionnumber: 5 });
    const q = parseQueryOptions({ $expand: "contact_customer_accounts($select=fullname;$filter=contains(fullname,'z') or contains(fullname,'y');$orderby=fullname desc;$top=1)" }, accountMeta, registry);
    const expand = createExpander(accountMeta, q.expand, ctx);
    const [litware, adventure] = rows.account ?? [];
    expect(expand(litware ?? {})).toEqual({
      contact_customer_accounts: [{ '@odata.etag': 'W/"5"', fullname: 'Zed Zulu', contactid: '00000000-0000-0000-0000-000000000009' }],
    });
    expect(expand(adventure ?? {})).toEqual({ contact_customer_accounts: [] });
  });

  it('navigationPropertyFor names polymorphic lookups per target (§1.3)', () => {
    const parent = contactMeta.columnMap.get('parentcustomerid');
    const owner = accountMeta.columnMap.get('ownerid');
    expect(parent && navigationPropertyFor(contactMeta, parent, 'account')).toBe('parentcustomerid_account');
    expect(owner && navigationPropertyFor(accountMeta, owner, 'team')).toBe('ownerid');
  });
});
