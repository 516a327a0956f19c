import { parsePath, readPath, writePath } from './path';

const customer = {
  company: { companyId: 'cmp_1' },
  shippingAddresses: [
    { addressId: 'a1', line1: 'first', isDefault: false },
    { addressId: 'a2', line1: 'second', isDefault: true },
  ],
};

describe('paths', () => {
  it('reads dotted paths, indexes and selectors', () => {
    expect(readPath(customer, parsePath('company.companyId'))).toBe('cmp_1');
    expect(readPath(customer, parsePath('shippingAddresses[0].line1'))).toBe('first');
    expect(readPath(customer, parsePath('shippingAddresses[isDefault=true].line1'))).toBe('second');
    expect(readPath(customer, parsePath("shippingAddresses[addressId='a1'].line1"))).toBe('first');
    expect(readPath(customer, parsePath('shippingAddresses[5].line1'))).toBeUndefined();
    expect(readPath(customer, parsePath('company.missing.deeper'))).toBeUndefined();
  });

  it('a selector that matches nothing falls back to the first element', () => {
    const none = { list: [{ v: 1, isDefault: false }, { v: 2 }] };
    expect(readPath(none, parsePath('list[isDefault=true].v'))).toBe(1);
    expect(readPath({ list: [] }, parsePath('list[isDefault=true].v'))).toBeUndefined();
  });

  it('rejects malformed paths', () => {
    expect(() => parsePath('a..b')).toThrow('invalid path "a..b"');
    expect(() => parsePath('a[=x]')).toThrow('invalid selector');
    expect(() => parsePath('')).toThrow('path is empty');
  });

  it('writes into a copy of the current array, keeping the other elements', () => {
    const out: Record<string, unknown> = {};
    writePath(out, customer, parsePath('shippingAddresses[isDefault=true].line1'), 'changed');
    expect(out).toEqual({
      shippingAddresses: [customer.shippingAddresses[0], { addressId: 'a2', line1: 'changed', isDefault: true }],
    });
    expect(customer.shippingAddresses[1]?.line1).toBe('second');
  });

  it('writes plain objects as patches, and creates selected elements', () => {
    const out: Record<string, unknown> = {};
    writePath(out, customer, parsePath('company.name'), 'Acme');
    writePath(out, {}, parsePath('billing[isDefault=true].city'), 'Austin');
    expect(out).toEqual({ company: { name: 'Acme' }, billing: [{ isDefault: true, city: 'Austin' }] });
  });
});
