import { Webhook } from 'standardwebhooks';
import { verifyClaritySignature, type VerifyInput } from './clarity-signature';

// The contract's test vector (clarity-api.md §4.7).
const VECTOR = {
  secret: 'whsec_Y2xhcml0eS1kZXYtd2ViaG9vay1zZWNyZXQtMDAwMDE=',
  id: 'evt_01JHF8Q2ZK7M3W5X9B4N6R8T1V',
  ts: 1736951405,
  body: '{"id":"evt_01JHF8Q2ZK7M3W5X9B4N6R8T1V","type":"inventory.changed","createdAt":"2025-01-15T14:30:00Z","apiVersion":"v1","storeId":"store_main","data":{"object":{"sku":"WID-100-BLU","productId":"prd_5512","locationId":"loc_austin","onHand":50,"allocated":4,"available":46,"updatedAt":"2025-01-15T14:30:00Z"},"change":{"previousAvailable":48,"delta":-2,"reason":"order","referenceId":"ord_10045"}}}',
  signature: 'v1,lxeXb52tMKiSwIwI85EDbTH2Bpv/pdKXqbaH9L9mZ/g=',
};
const OTHER_SECRET = 'whsec_' + Buffer.from('another-secret-32-bytes-long-000').toString('base64');

const input = (over: Partial<VerifyInput> & { signature?: string; ts?: number } = {}): VerifyInput => ({
  rawBody: Buffer.from(VECTOR.body),
  headers: { 'webhook-id': VECTOR.id, 'webhook-timestamp': String(over.ts ?? VECTOR.ts), 'webhook-signature': over.signature ?? VECTOR.signature },
  secrets: [VECTOR.secret],
  toleranceSec: 300,
  nowSec: VECTOR.ts + 5,
  ...over,
});

describe('verifyClaritySignature', () => {
  it('accepts the contract test vector', () => {
    expect(verifyClaritySignature(input())).toEqual({ ok: true });
  });

  it('accepts what the standardwebhooks package signs', () => {
    const ts = new Date(VECTOR.ts * 1000);
    const signature = new Webhook(OTHER_SECRET).sign('msg_1', ts, VECTOR.body);
    const res = verifyClaritySignature(input({ secrets: [OTHER_SECRET], signature, headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': String(VECTOR.ts), 'webhook-signature': signature } }));
    expect(res).toEqual({ ok: true });
  });

  it('rejects a wrong secret', () => {
    expect(verifyClaritySignature(input({ secrets: [OTHER_SECRET] }))).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('accepts either secret during rotation, and any of several signatures', () => {
    expect(verifyClaritySignature(input({ secrets: [OTHER_SECRET, VECTOR.secret] })).ok).toBe(true);
    expect(verifyClaritySignature(input({ secrets: [VECTOR.secret, OTHER_SECRET] })).ok).toBe(true);
    const other = new Webhook(OTHER_SECRET).sign(VECTOR.id, new Date(VECTOR.ts * 1000), VECTOR.body);
    expect(verifyClaritySignature(input({ signature: `${other} ${VECTOR.signature}` })).ok).toBe(true);
    expect(verifyClaritySignature(input({ signature: `${VECTOR.signature} ${other}`, secrets: [OTHER_SECRET] })).ok).toBe(true);
  });

  it('enforces the timestamp tolerance in both directions', () => {
    expect(verifyClaritySignature(input({ nowSec: VECTOR.ts + 300 })).ok).toBe(true);
    expect(verifyClaritySignature(input({ nowSec: VECTOR.ts + 301 }))).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyClaritySignature(input({ nowSec: VECTOR.ts - 301 }))).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyClaritySignature(input({ nowSec: VECTOR.ts + 1000, toleranceSec: 1000 })).ok).toBe(true);
  });

  it('rejects a tampered body, id or timestamp', () => {
    expect(verifyClaritySignature(input({ rawBody: Buffer.from(VECTOR.body.replace('"onHand":50', '"onHand":51')) })).ok).toBe(false);
    expect(verifyClaritySignature(input({ rawBody: Buffer.from(VECTOR.body + ' ') })).ok).toBe(false);
    expect(verifyClaritySignature(input({ ts: VECTOR.ts + 1 })).ok).toBe(false);
    const h = { ...input().headers, 'webhook-id': 'evt_other' };
    expect(verifyClaritySignature(input({ headers: h })).ok).toBe(false);
  });

  it('rejects missing headers, other versions and junk', () => {
    expect(verifyClaritySignature(input({ headers: {} }))).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verifyClaritySignature(input({ signature: VECTOR.signature.replace('v1,', 'v2,') })).ok).toBe(false);
    expect(verifyClaritySignature(input({ signature: 'v1,short' })).ok).toBe(false);
    expect(verifyClaritySignature(input({ signature: 'v1' })).ok).toBe(false);
    const h = { ...input().headers, 'webhook-timestamp': '17369514x5' };
    expect(verifyClaritySignature(input({ headers: h }))).toEqual({ ok: false, reason: 'bad_timestamp' });
  });
});
