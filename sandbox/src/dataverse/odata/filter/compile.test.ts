import { accountMeta, contactMeta, ids, registry, sampleResolver, sampleRows } from '../fixtures/tables';
import { compileFilter, indexableEqualities, parseFilter } from './index';
import { errorOf } from '../fixtures/errors';

const rows = sampleRows();
const resolve = sampleResolver(rows);
const NOW = new Date('2024-03-05T10:00:00Z');

function contactsWhere(filter: string, aliases: Record<string, string> = {}): string[] {
  const ast = parseFilter(filter, contactMeta, registry, new Map(Object.entries(aliases)));
  const test = compileFilter(ast, contactMeta, resolve, { now: () => NOW });
  return (rows.contact ?? []).filter(test).map((r) => r.firstname as string);
}

function accountsWhere(filter: string): string[] {
  const test = compileFilter(parseFilter(filter, accountMeta, registry), accountMeta, resolve);
  return (rows.account ?? []).filter(test).map((r) => r.name as string);
}


describe('evaluation', () => {
  it('compares strings case-insensitively (§1.4)', () => {
    expect(contactsWhere("emailaddress1 eq 'susanna@EXAMPLE.com'")).toEqual(['Susanna']);
    expect(contactsWhere("lastname eq 'o''bryan'")).toEqual(['Susanna']);
    expect(contactsWhere("firstname gt 'n'")).toEqual(['Yvonne', 'Susanna', 'Nancy']);
    expect(contactsWhere("firstname lt 'NANCY'")).toEqual([]);
  });

  it('evaluates contains/startswith/endswith case-insensitively', () => {
    expect(contactsWhere("contains(fullname,'SAMPLE')")).toHaveLength(3);
    expect(contactsWhere("startswith(lastname,'mc')")).toEqual(['Yvonne']);
    expect(contactsWhere("endswith(emailaddress1,'@example.COM')")).toEqual(['Yvonne', 'Susanna']);
    expect(contactsWhere("not contains(fullname,'anderson')")).toEqual(['Yvonne', 'Susanna']);
  });

  it('handles null with OData semantics', () => {
    expect(contactsWhere('emailaddress1 eq null')).toEqual(['Nancy']);
    expect(contactsWhere('emailaddress1 ne null')).toEqual(['Yvonne', 'Susanna']);
    expect(contactsWhere("emailaddress1 ne 'yvonne@example.com'")).toEqual(['Susanna', 'Nancy']);
    expect(contactsWhere('numberofchildren gt 0')).toEqual(['Yvonne']);
    expect(contactsWhere('numberofchildren le 0')).toEqual(['Susanna']);
  });

  it('applies precedence: not > and > or', () => {
    expect(contactsWhere("firstname eq 'nancy' or firstname eq 'yvonne' and donotemail eq true")).toEqual(['Nancy']);
    expect(contactsWhere("(firstname eq 'nancy' or firstname eq 'yvonne') and donotemail eq false")).toEqual(['Yvonne', 'Nancy']);
    expect(contactsWhere('not donotemail')).toEqual(['Yvonne', 'Nancy']);
    expect(contactsWhere('donotemail')).toEqual(['Susanna']);
  });

  it('compares numbers, money, decimals and booleans', () => {
    expect(contactsWhere('creditlimit ge 1500.5')).toEqual(['Yvonne']);
    expect(contactsWhere('creditlimit lt 1')).toEqual(['Nancy']);
    expect(contactsWhere('exchangerate eq 1.25')).toEqual(['Nancy']);
    expect(contactsWhere('donotemail eq true')).toEqual(['Susanna']);
    expect(accountsWhere('revenue gt 10000')).toEqual(['Litware, Inc. (sample)']);
  });

  it('compares ISO date-times and dates', () => {
    expect(contactsWhere('createdon ge 2024-03-01T00:00:00Z')).toEqual(['Susanna', 'Nancy']);
    expect(contactsWhere('createdon gt 2024-03-01T14:30:00+02:00')).toEqual(['Nancy']);
    expect(contactsWhere('birthdate lt 1980-01-01')).toEqual(['Nancy']);
  });

  it('accepts lookup GUID literals quoted, bare, upper-case or braced', () => {
    const expected = ['Yvonne'];
    expect(contactsWhere(`_parentcustomerid_value eq ${ids.litware}`)).toEqual(expected);
    expect(contactsWhere(`_parentcustomerid_value eq '${ids.litware}'`)).toEqual(expected);
    expect(contactsWhere(`_parentcustomerid_value eq ${ids.litware.toUpperCase()}`)).toEqual(expected);
    expect(contactsWhere(`_parentcustomerid_value eq '{${ids.litware}}'`)).toEqual(expected);
    expect(contactsWhere(`contactid eq ${ids.nancy}`)).toEqual(['Nancy']);
    expect(contactsWhere('_parentcustomerid_value eq null')).toEqual(['Nancy']);
  });

  it('follows single-valued navigation paths through resolve()', () => {
    expect(accountsWhere("primarycontactid/fullname eq 'susanna stubberod (sample)'")).toEqual(['Litware, Inc. (sample)']);
    expect(contactsWhere("parentcustomerid_account/name eq 'Litware, Inc. (sample)'")).toEqual(['Yvonne']);
    // Polymorphic: Susanna's parent is a contact, so the account hop yields null.
    expect(contactsWhere("parentcustomerid_contact/firstname eq 'yvonne'")).toEqual(['Susanna']);
    expect(contactsWhere('parentcustomerid_account/name eq null')).toEqual(['Susanna', 'Nancy']);
  });

  it('compares two columns of the same row', () => {
    expect(contactsWhere('firstname eq lastname')).toEqual([]);
    expect(contactsWhere('createdon gt birthdate')).toEqual(['Yvonne', 'Nancy']);
  });

  it('uses parameter aliases in $filter', () => {
    expect(contactsWhere('contains(@p1,@p2)', { '@p1': 'lastname', '@p2': "'KAY'" })).toEqual(['Yvonne']);
  });
});

describe('Microsoft.Dynamics.CRM functions', () => {
  const f = (fn: string, args: string) => contactsWhere(`Microsoft.Dynamics.CRM.${fn}(${args})`);

  it('In / NotIn convert string values to the column type', () => {
    expect(f('In', "PropertyName='gendercode',PropertyValues=['1','2']")).toEqual(['Yvonne', 'Nancy']);
    expect(f('In', "PropertyName='firstname',PropertyValues=[\"NANCY\",\"susanna\"]")).toEqual(['Susanna', 'Nancy']);
    expect(f('NotIn', "PropertyName='gendercode',PropertyValues=['1']")).toEqual(['Yvonne']);
    expect(f('In', `PropertyName='_parentcustomerid_value',PropertyValues=['${ids.yvonne.toUpperCase()}']`)).toEqual(['Susanna']);
  });

  it('Between / NotBetween are inclusive ranges', () => {
    expect(f('Between', 'PropertyName=\'numberofchildren\',PropertyValues=["0","1"]')).toEqual(['Susanna']);
    expect(f('NotBetween', "PropertyName='numberofchildren',PropertyValues=['0','1']")).toEqual(['Yvonne']);
  });

  it('On / OnOrAfter / OnOrBefore work on UTC days', () => {
    expect(f('On', "PropertyName='createdon',PropertyValue='2024-03-01'")).toEqual(['Susanna', 'Nancy']);
    expect(f('OnOrAfter', "PropertyName='createdon',PropertyValue='2024-03-01'")).toEqual(['Susanna', 'Nancy']);
    expect(f('OnOrBefore', "PropertyName='createdon',PropertyValue='2024-01-02'")).toEqual(['Yvonne']);
  });

  it('LastXDays counts back from midnight X days ago to now', () => {
    expect(f('LastXDays', "PropertyName='createdon',PropertyValue=4")).toEqual(['Susanna', 'Nancy']);
    expect(f('LastXDays', "PropertyName='createdon',PropertyValue=3")).toEqual([]);
  });

  it('Null / NotNull', () => {
    expect(f('Null', "PropertyName='emailaddress1'")).toEqual(['Nancy']);
    expect(f('NotNull', "PropertyName='_parentcustomerid_value'")).toEqual(['Yvonne', 'Susanna']);
  });

  it('accepts aliases as parameter values', () => {
    expect(contactsWhere('Microsoft.Dynamics.CRM.Null(PropertyName=@p)', { '@p': "'emailaddress1'" })).toEqual(['Nancy']);
  });

  it('rejects bad arguments and unsupported functions with a clear 400', () => {
    expect(errorOf(() => f('In', "PropertyName='gendercode',PropertyValues=['x']")).message).toMatch(/'x' is not a valid value/);
    expect(errorOf(() => f('Between', "PropertyName='numberofchildren',PropertyValues=['1']")).message).toMatch(/exactly two/);
    expect(errorOf(() => f('On', "PropertyName='firstname',PropertyValue='2024-01-01'")).message).toMatch(/not a date and time column/);
    expect(errorOf(() => f('In', "PropertyName='nope',PropertyValues=['1']")).message).toBe(
      "Could not find a property named 'nope' on type 'Microsoft.Dynamics.CRM.contact'.",
    );
    const unsupported = errorOf(() => f('Above', "PropertyName='contactid',PropertyValue='x'"));
    expect(unsupported.status).toBe(400);
    expect(unsupported.message).toBe("The query function 'Microsoft.Dynamics.CRM.Above' is not supported by the Dataverse emulator.");
  });
});

describe('binding errors', () => {
  const bind = (filter: string) => errorOf(() => parseFilter(filter, accountMeta, registry));

  it('unknown properties give the documented 0x0 error (§4.3)', () => {
    const e = bind("Name eq 'x'");
    expect(e.status).toBe(400);
    expect(e.code).toBe('0x0');
    expect(e.message).toBe("Could not find a property named 'Name' on type 'Microsoft.Dynamics.CRM.account'.");
    expect(bind("primarycontactid eq 'x'").message).toBe("Could not find a property named 'primarycontactid' on type 'Microsoft.Dynamics.CRM.account'.");
    expect(bind("primarycontactid/nope eq 'x'").message).toBe("Could not find a property named 'nope' on type 'Microsoft.Dynamics.CRM.contact'.");
  });

  it('type mismatches give ODL errors', () => {
    expect(bind("revenue eq 'lots'").message).toBe(
      "A binary operator with incompatible types was detected. Found operand types 'Edm.Decimal' and 'Edm.String' for operator kind 'Equal'.",
    );
    expect(bind("_primarycontactid_value eq 'not-a-guid'").message).toMatch(/'Edm.Guid' and 'Edm.String'/);
    expect(bind("not name eq 'x'").message).toBe(
      "A unary operator with an incompatible type was detected. Found operand type 'Edm.String' for operator kind 'Not'.",
    );
    expect(bind('name').message).toBe('The $filter expression must evaluate to a single boolean value.');
    expect(bind("name and statecode eq 0").message).toMatch(/operator kind 'And'/);
  });

  it('rejects unknown and unsupported functions', () => {
    expect(bind("foo(name,'x')").message).toMatch(/^An unknown function with name 'foo' was found/);
    expect(bind("tolower(name) eq 'x'").message).toBe("The function 'tolower' is not supported by the Dataverse emulator.");
    expect(bind('contains(revenue,1)').message).toMatch(/^No function signature for the function with name 'contains'/);
  });

  it('rejects navigation through a collection-valued property', () => {
    expect(bind("contact_customer_accounts/fullname eq 'x'").message).toMatch(/is not a single value/);
  });
});

describe('indexableEqualities', () => {
  const eqs = (filter: string) => indexableEqualities(parseFilter(filter, contactMeta, registry));

  it('extracts top-level AND-ed column eq literal conjuncts with storage names', () => {
    expect(eqs("emailaddress1 eq 'x@y.z'")).toEqual([{ column: 'emailaddress1', value: 'x@y.z' }]);
    expect(eqs(`_parentcustomerid_value eq ${ids.litware.toUpperCase()} and (firstname eq 'a' and gendercode eq 2)`)).toEqual([
      { column: 'parentcustomerid', value: ids.litware },
      { column: 'firstname', value: 'a' },
      { column: 'gendercode', value: 2 },
    ]);
    expect(eqs("'x' eq lastname and createdon eq 2024-01-02T05:04:05+02:00")).toEqual([
      { column: 'lastname', value: 'x' },
      { column: 'createdon', value: '2024-01-02T03:04:05Z' },
    ]);
  });

  it('ignores or, not, ne, null, navigation paths and functions', () => {
    expect(eqs("firstname eq 'a' or lastname eq 'b'")).toEqual([]);
    expect(eqs("not (firstname eq 'a')")).toEqual([]);
    expect(eqs("firstname ne 'a' and emailaddress1 eq null")).toEqual([]);
    expect(eqs("parentcustomerid_account/name eq 'a' and contains(firstname,'a')")).toEqual([]);
    expect(eqs("firstname eq lastname and donotemail eq true")).toEqual([{ column: 'donotemail', value: true }]);
  });
});

describe('performance', () => {
  it('evaluates a compiled filter over 100,000 rows quickly', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ contactid: String(i), emailaddress1: `u${i}@example.com`, numberofchildren: i % 5, lastname: i % 7 === 0 ? 'Smith' : 'Jones' }));
    const test = compileFilter(parseFilter("numberofchildren ge 3 and (lastname eq 'SMITH' or contains(emailaddress1,'99'))", contactMeta, registry), contactMeta, resolve);
    const start = performance.now();
    const hits = many.filter(test).length;
    expect(hits).toBeGreaterThan(0);
    expect(performance.now() - start).toBeLessThan(500);
  });
});
