import type { ColumnDef } from '../metadata/types';
import { formatDateTime, formatValue } from './format';

const col = (type: ColumnDef['type'], extra: Partial<ColumnDef> = {}): ColumnDef => ({ name: 'x', type, ...extra });

describe('formatValue', () => {
  it('formats money with the currency symbol, two decimals and separators (§1.3)', () => {
    expect(formatValue(col('Money'), 20000, { currencySymbol: '$' })).toBe('$20,000.00');
    expect(formatValue(col('Money'), 1234567.891, { currencySymbol: '€' })).toBe('€1,234,567.89');
    expect(formatValue(col('Money'), -5, { currencySymbol: '$' })).toBe('-$5.00');
    expect(formatValue(col('Money', { precision: 4 }), 1.5, {})).toBe('$1.5000');
  });

  it('formats date-times as en-US short date and time in UTC', () => {
    expect(formatValue(col('DateTime'), '2023-04-07T14:59:01Z')).toBe('4/7/2023 2:59 PM');
    expect(formatDateTime('2023-12-25T00:05:00Z')).toBe('12/25/2023 12:05 AM');
    expect(formatDateTime('2023-01-01T12:00:00Z')).toBe('1/1/2023 12:00 PM');
  });

  it('uses option labels for choices, state, status and yes/no', () => {
    const options = { 1: 'Competitor', 2: 'Consultant' };
    expect(formatValue(col('Picklist', { options }), 1)).toBe('Competitor');
    expect(formatValue(col('State', { options: { 0: 'Active' } }), 0)).toBe('Active');
    expect(formatValue(col('Status', { options: { 1: 'Active' } }), 1)).toBe('Active');
    expect(formatValue(col('Boolean', { options: { 0: 'Allow', 1: 'Do Not Allow' } }), true)).toBe('Do Not Allow');
    expect(formatValue(col('Boolean'), false)).toBe('No');
  });

  it('formats lookups as the target primary name and numbers with separators', () => {
    expect(formatValue(col('Lookup'), { id: 'x', logicalName: 'contact' }, { lookupName: 'Susanna' })).toBe('Susanna');
    expect(formatValue(col('Integer'), 1200)).toBe('1,200');
    expect(formatValue(col('BigInt'), 81359849)).toBe('81,359,849');
    expect(formatValue(col('Decimal', { precision: 4 }), 1234.5)).toBe('1,234.5000');
    expect(formatValue(col('Double'), 0.125)).toBe('0.13');
  });

  it('has no formatted value for strings, GUIDs and nulls', () => {
    expect(formatValue(col('String'), 'a')).toBeUndefined();
    expect(formatValue(col('Uniqueidentifier'), 'a')).toBeUndefined();
    expect(formatValue(col('Money'), null)).toBeUndefined();
  });
});
