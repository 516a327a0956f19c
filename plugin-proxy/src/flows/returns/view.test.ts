import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Return } from '../../clients/clarity';
import { loadMappings } from '../../mapping';
import { RETURN_MAPPING } from './deps';
import { splitState } from './to-incident';
import { describeReturn, resolutionOf, returnView } from './view';

const MAPPINGS_DIR = join(__dirname, '..', '..', '..', 'mappings');
const toIncident = loadMappings(MAPPINGS_DIR).get(RETURN_MAPPING);
const CONTACT = '0b6f7a2e-1111-4222-8333-444455556666';

const ret = (extra: Partial<Return> = {}): Return => ({
  returnId: 'ret_1',
  returnNumber: 'RMA-1001',
  orderId: 'ord_10045',
  customerId: 'cus_2001',
  status: 'requested',
  reason: 'damaged',
  lineItems: [{ lineItemId: 'li_1', sku: 'WID-100-BLU', quantity: 2, reason: 'cracked' }],
  refundAmount: '49.98',
  currency: 'USD',
  createdAt: '2025-01-20T10:00:00Z',
  updatedAt: '2025-01-20T10:00:00Z',
  version: 1,
  ...extra,
});
const order = { orderId: 'ord_10045', orderNumber: 'SO-10045' };
const mapped = (r: Return, o: typeof order | undefined = order) => toIncident.apply(returnView(r, o, CONTACT)).values;

describe('return → case description', () => {
  it('names the return, the order, the reason, the lines and the refund', () => {
    expect(describeReturn(ret({ notes: 'Box crushed' }), order)).toBe(
      [
        'Clarity return RMA-1001 (ret_1), status requested.',
        'Order: SO-10045 (ord_10045)',
        'Reason: damaged',
        'Items:',
        '- 2 × WID-100-BLU (cracked)',
        'Refund: 49.98 USD',
        'Notes: Box crushed',
      ].join('\n'),
    );
  });

  it('falls back to ids when there is no return number or the order could not be read', () => {
    const text = describeReturn(ret({ returnNumber: undefined, reason: undefined, refundAmount: undefined }), undefined);
    expect(text).toBe(['Clarity return ret_1, status requested.', 'Order: ord_10045', 'Items:', '- 2 × WID-100-BLU (cracked)'].join('\n'));
  });

  it('a refunded return resolves its case with a resolution naming the return and the refund', () => {
    expect(resolutionOf(ret({ status: 'refunded', version: 4 }))).toEqual({
      subject: 'Clarity return RMA-1001 (ret_1) refunded',
      description: 'Refunded 49.98 USD in Clarity. Resolved by the Clarity connector (refunded, version 4).',
    });
    expect(resolutionOf(ret({ status: 'refunded', returnNumber: undefined, refundAmount: undefined })).subject).toBe('Clarity return ret_1 refunded');
  });
});

describe('return-to-incident mapping', () => {
  it('maps a return to exactly these case columns', () => {
    expect(mapped(ret())).toEqual({
      clar_clarityreturnid: 'ret_1',
      title: 'Return RMA-1001 — SO-10045',
      description: describeReturn(ret(), order),
      caseorigincode: 3,
      casetypecode: 2,
      'customerid_contact@odata.bind': `/contacts(${CONTACT})`,
      statecode: 0,
      statuscode: 1,
    });
  });

  it('uses the return id and order id in the title when numbers are missing', () => {
    expect(toIncident.apply(returnView(ret({ returnNumber: undefined }), undefined, CONTACT)).values.title).toBe('Return ret_1 — ord_10045');
  });

  it.each([
    ['damaged', 2],
    [' Defective ', 2],
    ['wrong_item', 2],
    ['changed_mind', 3],
    ['no_longer_needed', 3],
  ])('reason %s → casetypecode %d', (reason, code) => {
    expect(mapped(ret({ reason })).casetypecode).toBe(code);
  });

  it('takes the first line reason when the return has none, and Request when nothing says', () => {
    expect(mapped(ret({ reason: undefined })).casetypecode).toBe(3); // 'cracked' is not a listed problem
    expect(mapped(ret({ reason: undefined, lineItems: [{ lineItemId: 'li_1', sku: 'X', quantity: 1, reason: 'defective' }] })).casetypecode).toBe(2);
    expect(mapped(ret({ reason: undefined, lineItems: [{ lineItemId: 'li_1', sku: 'X', quantity: 1 }] })).casetypecode).toBe(3);
  });

  it.each([
    ['requested', 0, 1],
    ['approved', 0, 3],
    ['in_transit', 0, 3],
    ['received', 0, 4],
    ['refunded', 1, 5],
    ['rejected', 2, 6],
    ['cancelled', 2, 6],
    ['some_future_status', 0, 1],
  ])('status %s → statecode %d, statuscode %d (Resolved only for refunded: the flow closes it with CloseIncident)', (status, state, code) => {
    const values = mapped(ret({ status }));
    expect(splitState(values)).toEqual({ fields: expect.not.objectContaining({ statecode: expect.anything() }), statecode: state, statuscode: code });
  });

  it('keeps the description within the column length', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ lineItemId: `li_${i}`, sku: `SKU-${i}-LONG-NAME`, quantity: 1, reason: 'damaged in transit' }));
    expect(String(mapped(ret({ lineItems: many })).description)).toHaveLength(2000);
  });

  it('is described in the mappings README, with the one-way decision', () => {
    const readme = readFileSync(join(MAPPINGS_DIR, 'README.md'), 'utf8');
    expect(readme).toContain('| `return-to-incident.json` |');
    expect(readme).toMatch(/no write endpoint for returns/);
  });
});
