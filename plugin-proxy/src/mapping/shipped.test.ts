import { join } from 'node:path';
import { cus2001 } from './fixtures/customer-cus-2001';
import { canonicalHash, loadMappings, threeWayMerge } from './index';

const MAPPINGS_DIR = join(__dirname, '..', '..', 'mappings');
const set = loadMappings(MAPPINGS_DIR);
const toContact = set.get('customer-to-contact');
const toCustomer = set.get('contact-to-customer');

describe('shipped mappings', () => {
  it('all validate at start-up', () => {
    // Other flows ship their own files beside these (product-*, order-*…): this test pins the customer ones.
    expect(set.names).toEqual(expect.arrayContaining(['account-to-company', 'company-to-account', 'contact-to-customer', 'customer-to-contact']));
    expect(set.find('clarity.customer', 'dataverse.contact')).toBe(toContact);
  });

  it('maps the contract example customer cus_2001 to exactly these contact columns', () => {
    const { values } = toContact.apply(cus2001());
    expect(values).toEqual({
      clar_clarityid: 'cus_2001',
      firstname: 'Maria',
      lastname: 'Lopez',
      emailaddress1: 'maria.lopez@example.com',
      telephone1: '+15125550142',
      address1_name: 'Office',
      address1_line1: '500 Congress Ave',
      address1_line2: 'Suite 210',
      address1_city: 'Austin',
      address1_stateorprovince: 'TX',
      address1_postalcode: '78701',
      address1_country: 'United States',
      address1_telephone1: '+15125550142',
      // The default billing address has no label, line2 or phone: written as null so stale values clear.
      address2_name: null,
      address2_line1: '1200 Barton Springs Rd',
      address2_line2: null,
      address2_city: 'Austin',
      address2_stateorprovince: 'TX',
      address2_postalcode: '78704',
      address2_country: 'United States',
      address2_telephone1: null,
      statecode: 0,
      statuscode: 1,
      clar_loyaltypoints: 1250,
      clar_loyaltytier: 'gold',
      donotbulkemail: true,
    });
  });

  it('declares loyalty and the Clarity id as Clarity-owned, one-way fields', () => {
    for (const f of ['clar_loyaltypoints', 'clar_loyaltytier', 'clar_clarityid']) {
      expect(toContact.policies[f]).toEqual({ sourceOfTruth: 'clarity', direction: 'clarity-to-dataverse' });
    }
    expect(toContact.policies.firstname).toEqual({ sourceOfTruth: 'both', direction: 'both' });
  });

  it("binds the company's account by its Clarity id, escaping quotes", () => {
    const customer = { ...cus2001(), company: { companyId: "cmp_O'Brien", name: "O'Brien Supply" } };
    const { values } = toContact.apply(customer);
    expect(values['parentcustomerid_account@odata.bind']).toBe("/accounts(clar_clarityid='cmp_O''Brien')");
  });

  it('maps disabled customers to inactive contacts, unknown statuses to active', () => {
    expect(toContact.apply({ ...cus2001(), accountStatus: 'disabled' }).values).toMatchObject({ statecode: 1, statuscode: 2 });
    const { values, fields } = toContact.apply({ ...cus2001(), accountStatus: 'suspended_v2' });
    expect(values).toMatchObject({ statecode: 0, statuscode: 1 });
    expect(fields.statecode).toMatchObject({ outcome: 'default', note: 'unknown value "suspended_v2"; used the default' });
  });

  it('a customer without addresses leaves the contact addresses alone', () => {
    const { values } = toContact.apply({ ...cus2001(), shippingAddresses: [], billingAddresses: [] });
    expect(Object.keys(values).filter((k) => k.startsWith('address'))).toEqual([]);
  });
});

describe('contact-to-customer', () => {
  it('merges the contact address into the default shipping address, keeping addressId and the other addresses', () => {
    const current = cus2001();
    const contact = { address1_line1: '600 Congress Ave', address1_stateorprovince: 'Texas', address1_line2: null };
    const { values } = toCustomer.apply(contact, { current });
    expect(values).toEqual({
      shippingAddresses: [
        { ...current.shippingAddresses[0], line1: '600 Congress Ave', line2: undefined },
        current.shippingAddresses[1],
      ].map((a) => JSON.parse(JSON.stringify(a))),
    });
    expect((values.shippingAddresses as object[])[0]).not.toHaveProperty('line2'); // null inside an array element removes the key
    expect(current.shippingAddresses[0].line1).toBe('500 Congress Ave'); // current is not mutated
  });

  it('writes address2 into the default billing address and normalises country and phone', () => {
    const { values } = toCustomer.apply(
      { address2_country: 'USA', address2_telephone1: '(512) 555-0100', telephone1: '512.555.0199' },
      { current: cus2001() },
    );
    expect(values.phone).toBe('+15125550199');
    expect(values.billingAddresses).toEqual([expect.objectContaining({ addressId: 'adr_13', countryCode: 'US', phone: '+15125550100' })]);
    expect(values).not.toHaveProperty('shippingAddresses');
  });

  it('creates a default address when the customer has none', () => {
    const { values } = toCustomer.apply(
      { address1_line1: '1 Main St', address1_city: 'Austin', address1_country: 'United States' },
      { current: { ...cus2001(), shippingAddresses: [] } },
    );
    expect(values.shippingAddresses).toEqual([{ isDefault: true, line1: '1 Main St', city: 'Austin', countryCode: 'US' }]);
  });

  it('statecode: 1 disables; 0 re-activates only a disabled customer', () => {
    expect(toCustomer.apply({ statecode: 1 }, { current: cus2001() }).values).toEqual({ accountStatus: 'disabled' });
    expect(toCustomer.apply({ statecode: 0 }, { current: { ...cus2001(), accountStatus: 'disabled' } }).values).toEqual({ accountStatus: 'active' });
    expect(toCustomer.apply({ statecode: 0 }, { current: { ...cus2001(), accountStatus: 'on_hold' } }).values).toEqual({});
  });

  it('never writes loyalty back and does not send emptied required fields', () => {
    const { values } = toCustomer.apply({ clar_loyaltypoints: 99999, clar_loyaltytier: 'platinum', firstname: null, lastname: ' Lopez-Diaz ' }, { current: cus2001() });
    expect(values).toEqual({ lastName: 'Lopez-Diaz' });
  });

  it('a round trip customer → contact → customer changes nothing', () => {
    const customer = cus2001();
    const contact = toContact.apply(customer).values;
    const back = toCustomer.apply({ ...contact, statecode: 0 }, { current: customer }).values;
    expect(back).toEqual({
      firstName: 'Maria',
      lastName: 'Lopez',
      email: 'maria.lopez@example.com',
      phone: '+15125550142',
      shippingAddresses: customer.shippingAddresses,
      billingAddresses: customer.billingAddresses,
      acceptsMarketing: false,
    });
  });
});

describe('company mappings', () => {
  it('company → account keeps to the company fields; account → company never writes companyId', () => {
    const company = { companyId: 'cmp_7', name: ' Lopez Design LLC ', accountNumber: 'C-1001', taxId: '74-1234567' };
    expect(set.get('company-to-account').apply(company).values).toEqual({ clar_clarityid: 'cmp_7', name: 'Lopez Design LLC', accountnumber: 'C-1001' });
    const account = { clar_clarityid: 'cmp_7', name: 'Lopez Design', accountnumber: 'C-1002', accountid: '7eb682f1-ca75-e511-80d4-00155d2a68d1' };
    expect(set.get('account-to-company').apply(account).values).toEqual({ name: 'Lopez Design', accountNumber: 'C-1002' });
  });
});

describe('the pieces together', () => {
  it('Clarity changes the phone while Dynamics changes the street: each flows the other way, the other address survives', () => {
    const customer = cus2001();
    const base = toContact.apply(customer).values;
    const dataverse = { ...base, address1_line1: '600 Congress Ave', fullname: 'Maria Lopez' };
    const clarity = toContact.apply({ ...customer, phone: '+15125550199' }).values;
    const merge = threeWayMerge({ base, clarity, dataverse, fields: toContact.policies, clarityUpdatedAt: customer.updatedAt, dataverseModifiedOn: '2025-01-15T15:00:00Z' });
    expect(merge).toMatchObject({ toDataverse: { telephone1: '+15125550199' }, toClarity: { address1_line1: '600 Congress Ave' }, conflicts: [] });

    const patch = toCustomer.apply(merge.toClarity, { current: customer }).values;
    expect(patch).toEqual({ shippingAddresses: [{ ...customer.shippingAddresses[0], line1: '600 Congress Ave' }, customer.shippingAddresses[1]] });
    expect(canonicalHash(merge.merged)).toBe(canonicalHash({ ...base, telephone1: '+15125550199', address1_line1: '600 Congress Ave' }));
  });

  it('the same customer always hashes the same, so an unchanged webhook is skipped', () => {
    const reordered = Object.fromEntries(Object.entries(cus2001()).reverse());
    expect(canonicalHash(toContact.apply(reordered).values)).toBe(canonicalHash(toContact.apply(cus2001()).values));
  });
});
