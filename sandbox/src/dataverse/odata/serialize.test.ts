import { accountMeta, contactMeta, ids, sampleRows, USD } from './fixtures/tables';
import { responseBody, withSample } from './fixtures/samples';
import { odataContext } from './context';
import { annotationWanted, parsePrefer } from './prefer';
import { navigationPropertyFor, serializeRow, type SerializeOptions } from './serialize';
import type { LookupValue } from '../store/types';
import type { ColumnDef } from '../metadata/types';

const rows = sampleRows();
const litware = rows.account?.[0] as Record<string, unknown>;
const adventure = rows.account?.[1] as Record<string, unknown>;

const NAMES: Record<string, string> = {
  [ids.susanna]: 'Susanna Stubberod (sample)',
  [USD]: 'US Dollar',
  [ids.user]: 'Dana Admin',
  [ids.team]: 'Sales Team',
  [ids.litware]: 'Litware, Inc. (sample)',
};

function options(prefer: string, select?: string[], table = accountMeta): SerializeOptions {
  const p = parsePrefer(prefer);
  return {
    ...(select ? { select } : {}),
    annotations: (name) => annotationWanted(p, name),
    lookupInfo: (lv: LookupValue, column: ColumnDef) => ({
      ...(NAMES[lv.id] ? { name: NAMES[lv.id] } : {}),
      navigationProperty: navigationPropertyFor(table, column, lv.logicalName),
    }),
    currencySymbol: () => '$',
  };
}

describe('serializeRow vs query/formatted-values.response.http', () => {
  const sample = withSample('query/formatted-values.response.http');
  sample.run('produces the same keys in the same order, annotations before each plain key', () => {
    const body = responseBody(sample.text);
    const expected = (body.value as Record<string, unknown>[])[0] as Record<string, unknown>;
    const actual = serializeRow(accountMeta, litware, options('odata.include-annotations="OData.Community.Display.V1.FormattedValue"', ['name', 'revenue', '_primarycontactid_value', 'customertypecode', 'modifiedon']));
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    // The sample's user is in US Pacific time (2:59 PM); the emulator renders every user in UTC.
    expect(actual['modifiedon@OData.Community.Display.V1.FormattedValue']).toBe('4/7/2023 9:59 PM');
    expect({ ...actual, 'modifiedon@OData.Community.Display.V1.FormattedValue': undefined }).toEqual({
      ...expected,
      'modifiedon@OData.Community.Display.V1.FormattedValue': undefined,
    });
  });
});

describe('serializeRow vs query/lookup-annotations.response.http', () => {
  const sample = withSample('query/lookup-annotations.response.http');
  sample.run('produces identical rows (keys, order and values)', () => {
    const body = responseBody(sample.text);
    const prefer = 'odata.include-annotations="Microsoft.Dynamics.CRM.associatednavigationproperty,Microsoft.Dynamics.CRM.lookuplogicalname"';
    const actual = [adventure, litware].map((row) => serializeRow(accountMeta, row, options(prefer, ['name', '_ownerid_value'])));
    expect(actual).toEqual(body.value);
    actual.forEach((row, i) => expect(Object.keys(row)).toEqual(Object.keys((body.value as object[])[i] as object)));
    expect(odataContext('[Organization URI]/api/data/v9.2', 'accounts', ['name', '_ownerid_value'])).toBe(body['@odata.context']);
  });
});

describe('serializeRow vs query/paging-page1.response.http', () => {
  const sample = withSample('query/paging-page1.response.http');
  sample.run('serializes $select=fullname rows like the sample', () => {
    const body = responseBody(sample.text);
    const contacts = (rows.contact ?? []).slice(0, 2).map((row) => serializeRow(contactMeta, row, options('', ['fullname'])));
    expect(contacts).toEqual(body.value);
    expect(odataContext('[Organization URI]/api/data/v9.2/', 'contacts', ['fullname'])).toBe(body['@odata.context']);
  });
});

describe('serializeRow shapes', () => {
  it('returns all columns in definition order without $select, lookups as _x_value', () => {
    const out = serializeRow(accountMeta, adventure, options(''));
    expect(Object.keys(out)).toEqual([
      '@odata.etag', 'accountid', 'name', 'accountnumber', 'revenue', 'numberofemployees', 'customertypecode',
      '_primarycontactid_value', '_transactioncurrencyid_value', '_ownerid_value', 'modifiedon', 'statecode', 'versionnumber',
    ]);
    expect(out).toMatchObject({ accountnumber: null, revenue: null, _primarycontactid_value: null, _ownerid_value: ids.team });
  });

  it('returns selected-but-empty columns as null without annotations', () => {
    const out = serializeRow(accountMeta, adventure, options('odata.include-annotations="*"', ['revenue', '_primarycontactid_value']));
    expect(out).toEqual({
      '@odata.etag': 'W/"81550512"',
      revenue: null,
      _primarycontactid_value: null,
      _transactioncurrencyid_value: null,
      accountid: ids.adventure,
    });
  });

  it('emits every lookup annotation in the service order with include-annotations="*"', () => {
    const contact = rows.contact?.[0] as Record<string, unknown>;
    const out = serializeRow(contactMeta, contact, options('odata.include-annotations="*"', ['_parentcustomerid_value', 'donotemail', 'numberofchildren'], contactMeta));
    expect(Object.entries(out)).toEqual([
      ['@odata.etag', 'W/"72201545"'],
      ['_parentcustomerid_value@OData.Community.Display.V1.FormattedValue', 'Litware, Inc. (sample)'],
      ['_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty', 'parentcustomerid_account'],
      ['_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname', 'account'],
      ['_parentcustomerid_value', ids.litware],
      ['donotemail@OData.Community.Display.V1.FormattedValue', 'Allow'],
      ['donotemail', false],
      ['numberofchildren@OData.Community.Display.V1.FormattedValue', '2'],
      ['numberofchildren', 2],
      ['contactid', ids.yvonne],
    ]);
  });

  it('keeps an explicitly selected primary key in its place and does not repeat it', () => {
    const out = serializeRow(contactMeta, rows.contact?.[0] as Record<string, unknown>, options('', ['contactid', 'firstname']));
    expect(Object.keys(out)).toEqual(['@odata.etag', 'contactid', 'firstname']);
  });
});

describe('odataContext', () => {
  const base = '[Organization URI]/api/data/v9.2';
  it('builds collection, entity, expand and delta contexts (§1.3)', () => {
    expect(odataContext(base, 'accounts', ['name', 'revenue'])).toBe(`${base}/$metadata#accounts(name,revenue)`);
    expect(odataContext(base, 'accounts', undefined, undefined, 'entity')).toBe(`${base}/$metadata#accounts/$entity`);
    expect(odataContext(base, 'accounts', ['name'], [{ name: 'primarycontactid', select: ['fullname'] }, { name: 'Account_Tasks', select: ['subject'] }], 'entity')).toBe(
      `${base}/$metadata#accounts(name,primarycontactid(fullname),Account_Tasks(subject))/$entity`,
    );
    expect(odataContext(base, 'accounts', ['name'], [{ name: 'primarycontactid' }])).toBe(`${base}/$metadata#accounts(name,primarycontactid())`);
    expect(odataContext(base, 'accounts', ['name', 'accountnumber', 'telephone1', 'fax'], undefined, 'delta')).toBe(
      `${base}/$metadata#accounts(name,accountnumber,telephone1,fax)/$delta`,
    );
  });
});
