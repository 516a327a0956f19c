import { accountMeta, contactMeta, registry } from './fixtures/tables';
import { parseQueryOptions } from './query-options';
import { encodeSkipToken } from './skiptoken';
import { errorOf } from './fixtures/errors';

const parse = (query: Record<string, string> | URLSearchParams, table = accountMeta) => parseQueryOptions(query, table, registry);


describe('parseQueryOptions', () => {
  it('parses the supported options', () => {
    const token = encodeSkipToken({ page: 2, lastId: '49b0be2e-d01c-ed11-b83e-000d3a572421', firstId: '49b0be2e-d01c-ed11-b83e-000d3a572421', primaryId: 'accountid' });
    const q = parse(new URLSearchParams({ $select: 'name,revenue,_primarycontactid_value', $filter: "name eq 'x'", $orderby: 'revenue desc,name', $top: '10', $count: 'true', $skiptoken: token }));
    expect(q.select).toEqual(['name', 'revenue', '_primarycontactid_value']);
    expect(q.filter).toMatchObject({ kind: 'compare', op: 'eq' });
    expect(q.orderby.map((o) => [o.property, o.descending])).toEqual([['revenue', true], ['name', false]]);
    expect(q.top).toBe(10);
    expect(q.count).toBe(true);
    expect(q.skiptoken).toMatchObject({ page: 2, primaryId: 'accountid' });
    expect(q.expand).toEqual([]);
  });

  it('returns defaults for an empty query and treats $select=* as all columns', () => {
    expect(parse({})).toEqual({ orderby: [], expand: [], count: false });
    expect(parse({ $select: '*' }).select).toBeUndefined();
  });

  it('rejects $skip, $search, $format and unknown or wrongly-cased options (§1.4)', () => {
    for (const name of ['$skip', '$search', '$format', '$xyz', '$Select', '$TOP']) {
      const e = errorOf(() => parse({ [name]: '1' }));
      expect(e.status).toBe(400);
      expect(e.message).toBe(`The query parameter ${name} is not supported`);
    }
    expect(errorOf(() => parse({ $apply: 'groupby((name))' })).message).toBe('The $apply query option is not supported by the Dataverse emulator.');
  });

  it('ignores custom (non-$) query options and rejects repeated options', () => {
    expect(parse({ foo: 'bar' }).count).toBe(false);
    expect(errorOf(() => parse(new URLSearchParams('$top=1&$top=2'))).message).toMatch(/more than once/);
  });

  it('validates $select names with the documented error (§4.3)', () => {
    const e = errorOf(() => parse({ $select: 'Name' }));
    expect(e.toBody()).toEqual({ error: { code: '0x0', message: "Could not find a property named 'Name' on type 'Microsoft.Dynamics.CRM.account'." } });
    expect(errorOf(() => parse({ $select: 'primarycontactid' })).message).toBe(
      "Could not find a property named 'primarycontactid' on type 'Microsoft.Dynamics.CRM.account'.",
    );
    expect(errorOf(() => parse({ $select: 'name,' })).message).toBe("Syntax error at position 5 in 'name,'.");
  });

  it('validates $orderby names and syntax, lookups as _x_value', () => {
    expect(parse({ $orderby: '_primarycontactid_value asc' }).orderby[0]?.column.name).toBe('primarycontactid');
    expect(errorOf(() => parse({ $orderby: 'nope' })).message).toBe("Could not find a property named 'nope' on type 'Microsoft.Dynamics.CRM.account'.");
    expect(errorOf(() => parse({ $orderby: 'name up' })).message).toBe("Syntax error at position 7 in 'name up'.");
  });

  it('validates $top and $count', () => {
    expect(errorOf(() => parse({ $top: '-1' })).message).toBe("Invalid value '-1' for $top query option found. The $top query option requires a non-negative integer value.");
    expect(errorOf(() => parse({ $count: 'yes' })).message).toMatch(/Invalid value 'yes' for \$count/);
  });

  it('resolves parameter aliases in $filter and $orderby but not in $expand', () => {
    const q = parse({ $filter: 'contains(@p1,@p2)', $orderby: '@p3 desc', '@p1': 'name', '@p2': "'Contoso'", '@p3': 'revenue' });
    expect(q.filter).toMatchObject({ kind: 'text', fn: 'contains', value: { value: 'Contoso' } });
    expect(q.orderby[0]).toMatchObject({ property: 'revenue', descending: true });
    const e = errorOf(() => parse({ $expand: 'primarycontactid($filter=fullname eq @p1)', '@p1': "'x'" }));
    expect(e.message).toBe("Parameter alias '@p1' cannot be used inside $expand.");
  });

  it('refuses options change tracking forbids when $deltatoken is present (§8)', () => {
    expect(parse({ $select: 'name', $deltatoken: '919042!08/22/2017 08:10:44' }).deltatoken).toBe('919042!08/22/2017 08:10:44');
    const e = errorOf(() => parse({ $filter: "name eq 'x'", $deltatoken: '1' }));
    expect(e.message).toBe('The "$filter" query parameter isn\'t supported when Change Tracking is enabled.');
  });

  it('rejects a malformed $skiptoken', () => {
    expect(errorOf(() => parse({ $skiptoken: 'garbage' })).status).toBe(400);
  });
});

describe('$expand', () => {
  it('parses single and collection navigation properties with nested options', () => {
    const q = parse({ $expand: "primarycontactid($select=fullname,emailaddress1),contact_customer_accounts($select=fullname;$filter=contains(fullname,'a;b');$orderby=fullname desc;$top=5)" });
    const [single, coll] = q.expand;
    expect(single).toMatchObject({ name: 'primarycontactid', kind: 'single', column: 'primarycontactid', select: ['fullname', 'emailaddress1'], orderby: [] });
    expect(single?.table.logicalName).toBe('contact');
    expect(coll).toMatchObject({ name: 'contact_customer_accounts', kind: 'collection', column: 'parentcustomerid', select: ['fullname'], top: 5 });
    expect(coll?.filter).toMatchObject({ kind: 'text', value: { value: 'a;b' } });
    expect(coll?.orderby[0]).toMatchObject({ property: 'fullname', descending: true });
  });

  it('expands polymorphic lookups by their per-target navigation property', () => {
    const q = parse({ $expand: 'parentcustomerid_account($select=name)' }, contactMeta);
    expect(q.expand[0]).toMatchObject({ kind: 'single', column: 'parentcustomerid', table: { logicalName: 'account' } });
  });

  it('validates names against the related table and refuses what is out of scope', () => {
    expect(errorOf(() => parse({ $expand: 'nope' })).message).toBe("Could not find a property named 'nope' on type 'Microsoft.Dynamics.CRM.account'.");
    expect(errorOf(() => parse({ $expand: 'name' })).message).toMatch(/^Property 'name' on type 'Microsoft.Dynamics.CRM.account' is not a navigation property/);
    expect(errorOf(() => parse({ $expand: 'primarycontactid($select=name)' })).message).toBe(
      "Could not find a property named 'name' on type 'Microsoft.Dynamics.CRM.contact'.",
    );
    expect(errorOf(() => parse({ $expand: 'primarycontactid($expand=parentcustomerid_account)' })).message).toMatch(/nested \$expand/);
    expect(errorOf(() => parse({ $expand: 'primarycontactid($skip=1)' })).message).toBe('The query parameter $skip is not supported');
  });
});
