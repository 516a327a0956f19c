import { sample } from './demo.fixture';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Dataverse seed (a CRM before the connector)', () => {
  const { clarity, dataverse, summary } = sample();
  const byEmail = new Map(clarity.customers!.map((c) => [c.email.toLowerCase(), c]));
  const accountIds = new Set(dataverse.accounts.map((a) => a.accountid as string));

  test('overlap contacts share e-mails (sometimes in another case) with Clarity customers', () => {
    const overlap = dataverse.contacts.filter((c) => byEmail.has((c.emailaddress1 as string).toLowerCase()));
    expect(overlap).toHaveLength(Math.round(clarity.customers!.length * 0.2));
    expect(summary.crm.overlapContacts).toBe(overlap.length);
    expect(overlap.some((c) => c.emailaddress1 !== byEmail.get((c.emailaddress1 as string).toLowerCase())!.email)).toBe(true);
    expect(overlap.some((c) => c.firstname !== byEmail.get((c.emailaddress1 as string).toLowerCase())!.firstName
      || c.telephone1 !== byEmail.get((c.emailaddress1 as string).toLowerCase())!.phone)).toBe(true);
    for (const c of overlap) expect(c.lastname).toBe(byEmail.get((c.emailaddress1 as string).toLowerCase())!.lastName);
  });

  test('CRM-only contacts are unknown to Clarity; e-mails are unique across the CRM', () => {
    const only = dataverse.contacts.filter((c) => !byEmail.has((c.emailaddress1 as string).toLowerCase()));
    expect(only).toHaveLength(40);
    const all = dataverse.contacts.map((c) => (c.emailaddress1 as string).toLowerCase());
    expect(new Set(all).size).toBe(all.length);
  });

  test('rows use logical names, GUIDs, account lookups, and leave connector and system columns out', () => {
    const ids = [...dataverse.contacts.map((c) => c.contactid), ...dataverse.accounts.map((a) => a.accountid)];
    for (const id of ids) expect(id).toMatch(GUID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of dataverse.contacts) {
      expect(Object.keys(c).every((k) => /^(contactid|firstname|lastname|emailaddress1|telephone1|mobilephone|address1_(line1|city|stateorprovince|postalcode|country)|jobtitle|parentcustomerid)$/.test(k))).toBe(true);
      if (c.parentcustomerid) {
        expect(c.parentcustomerid).toEqual({ id: expect.stringMatching(GUID), logicalName: 'account' });
        expect(accountIds.has((c.parentcustomerid as { id: string }).id)).toBe(true);
      }
    }
    for (const a of dataverse.accounts) {
      expect(Object.keys(a).every((k) => /^(accountid|name|accountnumber|telephone1|websiteurl|address1_\w+)$/.test(k))).toBe(true);
    }
    expect(dataverse.contacts.filter((c) => c.parentcustomerid).length).toBeGreaterThan(5);
  });

  test('accounts mirror some Clarity companies, mostly by account number', () => {
    const numbers = new Set(clarity.customers!.flatMap((c) => (c.company ? [c.company.accountNumber] : [])));
    const matched = dataverse.accounts.filter((a) => numbers.has(a.accountnumber as string));
    expect(matched.length).toBeGreaterThan(5);
    expect(dataverse.accounts.some((a) => a.accountnumber === undefined)).toBe(true);
  });
});
