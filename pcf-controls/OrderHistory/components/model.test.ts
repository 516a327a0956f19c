import { sampleOrders } from '../../shared/testing/FakeControlApi';
import { buildQuery, DEFAULT_SORT, exclusiveEnd, humanise, NO_FILTERS, normaliseRange, sortRows, statusTone } from './model';

describe('order history model', () => {
  it('turns an inclusive end day into the proxy’s exclusive bound, across month ends', () => {
    expect(exclusiveEnd('2026-10-31')).toBe('2026-11-01');
    expect(exclusiveEnd('2028-02-28')).toBe('2028-02-29');
    expect(exclusiveEnd('nope')).toBe('');
  });

  it('builds the query: date sort goes to the server, total sort keeps newest-first paging', () => {
    expect(buildQuery(NO_FILTERS, DEFAULT_SORT, 25)).toEqual({ sort: '-createdAt', limit: 25 });
    expect(buildQuery({ status: 'shipped', from: '2026-01-01', to: '2026-01-31' }, { key: 'createdAt', descending: false }, 10, 'c1')).toEqual({
      status: 'shipped', from: '2026-01-01', to: '2026-02-01', sort: 'createdAt', limit: 10, cursor: 'c1',
    });
    expect(buildQuery(NO_FILTERS, { key: 'total', descending: false }, 10).sort).toBe('-createdAt');
  });

  it('swaps a reversed date range', () => {
    expect(normaliseRange({ status: '', from: '2026-05-01', to: '2026-04-01' })).toEqual({ status: '', from: '2026-04-01', to: '2026-05-01' });
  });

  it('sorts loaded rows by numeric total (not string order), leaving date order alone', () => {
    const rows = sampleOrders(3).map((o, i) => ({ ...o, total: ['9.50', '100.00', '25.00'][i]! }));
    expect(sortRows(rows, { key: 'total', descending: true }).map((o) => o.total)).toEqual(['100.00', '25.00', '9.50']);
    expect(sortRows(rows, { key: 'total', descending: false }).map((o) => o.total)).toEqual(['9.50', '25.00', '100.00']);
    expect(sortRows(rows, DEFAULT_SORT)).toEqual(rows);
  });

  it('maps statuses to badge tones and readable labels', () => {
    expect([statusTone('completed'), statusTone('processing'), statusTone('on_hold'), statusTone('cancelled'), statusTone('weird')]).toEqual([
      'success', 'info', 'warning', 'danger', 'neutral',
    ]);
    expect(humanise('ready_for_pickup')).toBe('Ready for pickup');
  });
});
