import { ORDER_STATUSES } from '../types';
import { canTransition, derivePaymentStatus, ORDER_TRANSITIONS } from './order-status';

test('the transition table covers every status and only names known statuses', () => {
  for (const s of ORDER_STATUSES) {
    expect(ORDER_TRANSITIONS[s]).toBeDefined();
    for (const t of ORDER_TRANSITIONS[s]) expect(ORDER_STATUSES).toContain(t);
  }
  expect(canTransition('pending', 'confirmed')).toBe(true);
  expect(canTransition('shipped', 'cancelled')).toBe(false);
  expect(canTransition('completed', 'pending')).toBe(false);
  // Terminal states.
  expect(ORDER_TRANSITIONS.completed).toEqual([]);
  expect(ORDER_TRANSITIONS.cancelled).toEqual([]);
});

test('payment status is derived from payments', () => {
  const cap = (amount: string, amountRefunded?: string) => ({ status: 'captured' as const, amount, amountRefunded });
  expect(derivePaymentStatus([], '10.00')).toBe('pending');
  expect(derivePaymentStatus([cap('10.00')], '10.00')).toBe('paid');
  expect(derivePaymentStatus([cap('4.00')], '10.00')).toBe('partially_paid');
  expect(derivePaymentStatus([cap('10.00', '2.00')], '10.00')).toBe('partially_refunded');
  expect(derivePaymentStatus([cap('10.00', '10.00')], '10.00')).toBe('refunded');
  expect(derivePaymentStatus([{ status: 'authorized', amount: '10.00' }], '10.00')).toBe('authorized');
  expect(derivePaymentStatus([{ status: 'voided', amount: '10.00' }], '10.00')).toBe('voided');
});
