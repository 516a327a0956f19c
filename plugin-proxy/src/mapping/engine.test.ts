import { ConnectorError } from '../errors';
import { compileMapping } from './index';

type Field = Record<string, unknown>;
const mapping = (fields: Field[], to = 'dataverse.contact') => compileMapping({ name: 'test-map', from: to.startsWith('clarity') ? 'dataverse.contact' : 'clarity.customer', to, fields });
const values = (fields: Field[], source: unknown, current?: unknown) => mapping(fields).apply(source, { current }).values;

describe('omission', () => {
  it('omits absent values, writes explicit nulls, and nullWhenMissing writes null for absent ones', () => {
    const fields = [
      { target: 'telephone1', source: 'phone' },
      { target: 'mobilephone', source: 'mobile' },
      { target: 'fax', source: 'fax', nullWhenMissing: true },
    ];
    expect(values(fields, { mobile: null })).toEqual({ mobilephone: null, fax: null });
    expect(values(fields, {})).not.toHaveProperty('telephone1');
  });

  it('default fills absent and null values', () => {
    expect(values([{ target: 'a', source: 'x', default: 'd' }], {})).toEqual({ a: 'd' });
    expect(values([{ target: 'a', source: 'x', default: 'd' }], { x: null })).toEqual({ a: 'd' });
  });

  it('const writes a fixed value', () => {
    expect(values([{ target: 'address1_addresstypecode', const: 2 }], {})).toEqual({ address1_addresstypecode: 2 });
  });

  it('a list source feeds the whole list to the transform', () => {
    expect(values([{ target: 'description', source: ['firstName', 'lastName'], transform: 'fullName' }], { firstName: 'Maria', lastName: 'Lopez' })).toEqual({ description: 'Maria Lopez' });
    expect(values([{ target: 'description', source: ['a', 'b'], transform: 'fullName' }], {})).toEqual({});
  });
});

describe('valueMap', () => {
  const status = { target: 'statecode', source: 'accountStatus', valueMap: { active: 0, disabled: 1 } };
  it('maps known values', () => {
    expect(values([status], { accountStatus: 'disabled' })).toEqual({ statecode: 1 });
  });
  it('unknown values use the default, or are omitted with a note', () => {
    expect(values([{ ...status, default: 0 }], { accountStatus: 'archived' })).toEqual({ statecode: 0 });
    const result = mapping([status]).apply({ accountStatus: 'archived' });
    expect(result.values).toEqual({});
    expect(result.fields.statecode).toMatchObject({ outcome: 'omitted', note: 'unknown value "archived" and no default' });
  });
  it('keys numbers and booleans by their text', () => {
    expect(values([{ target: 'accountStatus', source: 'statecode', valueMap: { '0': 'active', '1': 'disabled' } }], { statecode: 1 }, {})).toEqual({ accountStatus: 'disabled' });
  });
});

describe('conditions', () => {
  const rule = (when: unknown) => [{ target: 'x', const: 'yes', when }];
  const src = { a: 'on', n: 0, list: [], company: { companyId: '' } };
  it.each([
    [{ exists: 'a' }, true],
    [{ exists: 'missing' }, false],
    [{ exists: 'list' }, false],
    [{ exists: 'company.companyId' }, false],
    [{ path: 'n', equals: 0 }, true],
    [{ path: 'n', equals: '0' }, true],
    [{ path: 'a', in: ['off', 'on'] }, true],
    [{ path: 'a', in: ['off'] }, false],
    [{ not: { exists: 'a' } }, false],
    [{ all: [{ exists: 'a' }, { path: 'n', equals: 0 }] }, true],
    [{ any: [{ exists: 'missing' }, { path: 'n', equals: 1 }] }, false],
  ])('%j → %s', (when, expected) => {
    expect(values(rule(when), src)).toEqual(expected ? { x: 'yes' } : {});
  });

  it('$current. reads the target current state; the first rule that writes wins', () => {
    const rules = [
      { target: 'status', const: 'disabled', when: { path: 'statecode', equals: 1 } },
      { target: 'status', const: 'active', when: { all: [{ path: 'statecode', equals: 0 }, { path: '$current.status', equals: 'disabled' }] } },
      { target: 'status', const: 'fallback' },
    ];
    expect(values(rules, { statecode: 0 }, { status: 'disabled' })).toEqual({ status: 'active' });
    expect(values(rules, { statecode: 1 }, { status: 'disabled' })).toEqual({ status: 'disabled' });
    expect(values(rules, { statecode: 0 }, { status: 'pending' })).toEqual({ status: 'fallback' });
  });
});

describe('lookups', () => {
  const lookup = { target: 'parentcustomerid_account', lookup: { entitySet: 'accounts', key: 'clar_clarityid', source: 'company.companyId' } };
  it("binds by alternate key and doubles single quotes (O'Brien)", () => {
    expect(values([lookup], { company: { companyId: "O'Brien" } })).toEqual({ 'parentcustomerid_account@odata.bind': "/accounts(clar_clarityid='O''Brien')" });
  });
  it('omits when the source is empty, or clears with clearWhenEmpty', () => {
    expect(values([lookup], { company: { companyId: '' } })).toEqual({});
    const clearing = { ...lookup, lookup: { ...lookup.lookup, clearWhenEmpty: true } };
    expect(values([clearing], {})).toEqual({ 'parentcustomerid_account@odata.bind': null });
  });
  it('binds by GUID when no key is given, and refuses non-GUIDs', () => {
    const byId = { target: 'parentcustomerid_account', lookup: { entitySet: 'accounts', source: 'id' } };
    expect(values([byId], { id: '7eb682f1-ca75-e511-80d4-00155d2a68d1' })).toEqual({ 'parentcustomerid_account@odata.bind': '/accounts(7eb682f1-ca75-e511-80d4-00155d2a68d1)' });
    expect(() => values([byId], { id: 'nope' })).toThrow('lookup without "key" needs a GUID');
  });
});

describe('types', () => {
  it('converts to the declared type', () => {
    const fields = [
      { target: 'clar_loyaltypoints', source: 'points', type: 'integer' },
      { target: 'creditlimit', source: 'limit', type: 'money' },
      { target: 'donotemail', source: 'flag', type: 'boolean' },
      { target: 'birthdate', source: 'born', type: 'datetime' },
      { target: 'description', source: 'n', type: 'string' },
      { target: 'revenue', source: 'rev', type: 'number' },
    ];
    const src = { points: '1250', limit: '1000.456', flag: 'yes', born: '1990-05-01T00:00:00Z', n: 7, rev: '12.5' };
    expect(values(fields, src)).toEqual({ clar_loyaltypoints: 1250, creditlimit: 1000.46, donotemail: true, birthdate: '1990-05-01T00:00:00.000Z', description: '7', revenue: 12.5 });
  });

  it('money is a decimal string on the Clarity side', () => {
    expect(mapping([{ target: 'price', source: 'amount', type: 'money' }], 'clarity.customer').apply({ amount: 24.9 }).values).toEqual({ price: '24.90' });
  });

  it('reports every bad value in one validation error naming mapping and field', () => {
    const m = mapping([
      { target: 'clar_loyaltypoints', source: 'points', type: 'integer' },
      { target: 'birthdate', source: 'born', type: 'datetime' },
    ]);
    let error: unknown;
    try {
      m.apply({ points: '12.5', born: 'yesterday-ish' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('CONNECTOR_ERR_VALIDATION');
    expect((error as Error).message).toBe(
      'mapping test-map, field "clar_loyaltypoints": expected an integer, got "12.5"; mapping test-map, field "birthdate": expected a date, got "yesterday-ish"',
    );
  });
});

it('apply is pure: same input, same output, inputs untouched', () => {
  const source = Object.freeze({ a: Object.freeze([Object.freeze({ v: ' x ' })]) });
  const current = Object.freeze({ list: Object.freeze([Object.freeze({ id: 1, v: 'old' })]) });
  const m = mapping([{ target: 'list[0].v', source: 'a[0].v', transform: 'trim' }], 'clarity.customer');
  const first = m.apply(source, { current });
  expect(m.apply(source, { current })).toEqual(first);
  expect(first.values).toEqual({ list: [{ id: 1, v: 'x' }] });
});
