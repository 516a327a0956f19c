/**
 * The baseline client: what generic workflow tools do (an n8n/Zapier flow step per record) — one Web API request
 * per record, one after the other, waiting out a 429's Retry-After and sending again. Time-boxed: its rate is
 * steady once the request limit binds, so a few seconds measure it.
 */
import { performance } from 'node:perf_hooks';
import type { Customer, Order } from '../../../plugin-proxy/src/clients/clarity';
import type { DataverseProcess } from './dataverse-process';

export interface BaselineRequest {
  method: 'PATCH' | 'POST';
  path: string;
  body: unknown;
}

export interface BaselineResult {
  records: number;
  seconds: number;
  rps: number;
  failed: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function oneRequestPerRecord(dv: DataverseProcess, requests: Iterable<BaselineRequest>, seconds: number): Promise<BaselineResult> {
  const start = performance.now();
  let records = 0;
  let failed = 0;
  for (const r of requests) {
    if (performance.now() - start > seconds * 1000) break;
    for (let attempt = 0; ; attempt++) {
      const res = await dv.request(r.path, { method: r.method, body: JSON.stringify(r.body) });
      if (res.status === 429 && attempt < 10) {
        await sleep(res.retryAfterSec * 1000);
        continue;
      }
      if (res.status < 300) records++;
      else failed++;
      break;
    }
  }
  const elapsed = (performance.now() - start) / 1000;
  return { records, seconds: elapsed, rps: records / elapsed, failed };
}

/** A contact upserted by its Clarity id. */
export const contactRequest = (c: Customer): BaselineRequest => ({
  method: 'PATCH',
  path: `contacts(clar_clarityid='${c.customerId}')`,
  body: { firstname: c.firstName, lastname: c.lastName, emailaddress1: c.email, telephone1: c.phone ?? null, clar_clarityid: c.customerId },
});

/** A sales order with its lines in one deep insert (write-in lines: a generic tool does not look products up). */
export const orderRequest = (o: Order): BaselineRequest => ({
  method: 'POST',
  path: 'salesorders',
  body: {
    name: `Order ${o.orderNumber}`,
    clar_clarityorderid: o.orderId,
    ...(o.customerId ? { 'customerid_contact@odata.bind': `/contacts(clar_clarityid='${o.customerId}')` } : {}),
    order_details: o.lineItems.map((l) => ({ isproductoverridden: true, productdescription: `${l.name} (${l.sku})`.slice(0, 500), quantity: l.quantity, priceperunit: Number(l.unitPrice) })),
  },
});
