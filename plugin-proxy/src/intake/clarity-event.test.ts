import { classifyClarityEvent } from './clarity-event';

const env = (type: string, object: Record<string, unknown>, id = 'evt_1') => ({ id, type, createdAt: '2025-01-15T14:30:00Z', data: { object } });

describe('classifyClarityEvent', () => {
  it.each([
    ['customer.updated', { customerId: 'cus_1' }, 'clarity.customer', 'customer:cus_1'],
    ['customer.created', { customerId: 'cus_2' }, 'clarity.customer', 'customer:cus_2'],
    ['order.created', { orderId: 'ord_10045', customerId: 'cus_1' }, 'clarity.order', 'order:ord_10045'],
    ['inventory.changed', { sku: 'WID-100-BLU' }, 'clarity.inventory', 'sku:WID-100-BLU'],
    ['product.updated', { sku: 'GAD-200' }, 'clarity.product', 'sku:GAD-200'],
    ['return.created', { returnId: 'ret_7' }, 'clarity.return', 'return:ret_7'],
    ['order.updated', { id: 'ord_9', truncated: true }, 'clarity.order', 'order:ord_9'],
  ])('%s → kind and record key', (type, object, kind, recordKey) => {
    expect(classifyClarityEvent(env(type, object), 'evt_1')).toMatchObject({ outcome: 'enqueue', kind, recordKey, idempotencyKey: 'clarity:evt_1' });
  });

  it('ignores event types the connector does not sync', () => {
    expect(classifyClarityEvent(env('webhook.test', {}), 'evt_1')).toEqual({ outcome: 'ignored', type: 'webhook.test' });
  });

  it('calls an envelope malformed when it lacks what intake needs', () => {
    expect(classifyClarityEvent({ type: 'order.created', data: { object: {} } }, 'evt_1')).toMatchObject({ outcome: 'malformed', reason: expect.stringContaining('id') });
    expect(classifyClarityEvent({ id: 'evt_1', type: 'order.created', data: {} }, 'evt_1')).toMatchObject({ outcome: 'malformed', reason: expect.stringContaining('data.object') });
    expect(classifyClarityEvent([1, 2], 'evt_1').outcome).toBe('malformed');
    expect(classifyClarityEvent(env('order.created', { customerId: 'c' }), 'evt_1')).toMatchObject({ outcome: 'malformed', reason: 'data.object.orderId is missing for order.created' });
    expect(classifyClarityEvent(env('order.created', { orderId: 'o' }, 'evt_2'), 'evt_1').outcome).toBe('malformed');
  });
});
