import fs from 'node:fs';
import path from 'node:path';
import { newWebhookSecret, signStandardWebhook, verifyStandardWebhook } from './sign';

// Spec §4.7 contract vector, printed inline in the spec.
const SPEC = {
  secret: 'whsec_Y2xhcml0eS1kZXYtd2ViaG9vay1zZWNyZXQtMDAwMDE=',
  id: 'evt_01JHF8Q2ZK7M3W5X9B4N6R8T1V',
  ts: 1736951405,
  body: '{"id":"evt_01JHF8Q2ZK7M3W5X9B4N6R8T1V","type":"inventory.changed","createdAt":"2025-01-15T14:30:00Z","apiVersion":"v1","storeId":"store_main","data":{"object":{"sku":"WID-100-BLU","productId":"prd_5512","locationId":"loc_austin","onHand":50,"allocated":4,"available":46,"updatedAt":"2025-01-15T14:30:00Z"},"change":{"previousAvailable":48,"delta":-2,"reason":"order","referenceId":"ord_10045"}}}',
  expected: 'v1,lxeXb52tMKiSwIwI85EDbTH2Bpv/pdKXqbaH9L9mZ/g=',
};

test('spec §4.7 contract vector', () => {
  expect(Buffer.byteLength(SPEC.body)).toBe(395);
  expect(signStandardWebhook(SPEC.secret, SPEC.id, SPEC.ts, SPEC.body)).toBe(SPEC.expected);
  const headers = { 'webhook-id': SPEC.id, 'webhook-timestamp': String(SPEC.ts), 'webhook-signature': SPEC.expected };
  expect(verifyStandardWebhook({ secret: SPEC.secret, headers, body: Buffer.from(SPEC.body), nowSec: SPEC.ts + 10 })).toBe(true);
});

// The official Standard Webhooks vector lives in the shared reference folder beside the repo.
const vectorPath = path.resolve(__dirname, '../../../../../shared/reference/commerce-samples/standard-webhooks/signature-test-vector.json');
const maybe = fs.existsSync(vectorPath) ? test : test.skip;
if (!fs.existsSync(vectorPath)) console.warn(`Skipping the Standard Webhooks reference vector: ${vectorPath} is absent.`);

maybe('Standard Webhooks reference vector', () => {
  const v = JSON.parse(fs.readFileSync(vectorPath, 'utf8')) as { secret: string; msgId: string; timestamp: number; payload: string; expectedSignature: string };
  expect(signStandardWebhook(v.secret, v.msgId, v.timestamp, v.payload)).toBe(v.expectedSignature);
});

describe('verify', () => {
  const secret = newWebhookSecret();
  const body = '{"a":1}';
  const sig = signStandardWebhook(secret, 'evt_1', 1000, body);
  const h = (s: string, ts = '1000') => ({ 'webhook-id': 'evt_1', 'webhook-timestamp': ts, 'webhook-signature': s });

  test('accepts any of several signatures (rotation)', () => {
    const other = signStandardWebhook(newWebhookSecret(), 'evt_1', 1000, body);
    expect(verifyStandardWebhook({ secret, headers: h(`${other} ${sig}`), body, nowSec: 1000 })).toBe(true);
  });

  test('rejects tampered bodies, other versions, and stale timestamps', () => {
    expect(verifyStandardWebhook({ secret, headers: h(sig), body: '{"a":2}', nowSec: 1000 })).toBe(false);
    expect(verifyStandardWebhook({ secret, headers: h(sig.replace('v1,', 'v2,')), body, nowSec: 1000 })).toBe(false);
    expect(verifyStandardWebhook({ secret, headers: h(sig), body, nowSec: 1301 })).toBe(false);
    expect(verifyStandardWebhook({ secret, headers: h(sig), body, nowSec: 1300 })).toBe(true);
    expect(verifyStandardWebhook({ secret, headers: h('v1,short'), body, nowSec: 1000 })).toBe(false);
  });
});
