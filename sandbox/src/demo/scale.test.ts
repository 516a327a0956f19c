/** Size, not speed: 100,000 customers without orders (the Dataverse benchmark seed) must generate. */
import { generateDemoData } from './generate';

test('100,000 customers with ordersPerCustomer 0', () => {
  const d = generateDemoData({ customers: 100_000, seed: 11, ordersPerCustomer: 0 });
  expect(d.clarity.customers).toHaveLength(100_000);
  expect(d.clarity.orders).toHaveLength(0);
  expect(d.summary.crm.overlapContacts).toBe(20_000);
  expect(d.summary.crm.crmOnlyContacts).toBe(10_000);
  expect(d.dataverse.contacts).toHaveLength(30_000);
  expect(new Set(d.clarity.customers!.map((c) => c.email.toLowerCase())).size).toBe(100_000);
  expect(d.clarity.customers![99_999]!.customerId).toBe('cus_100000');
});
