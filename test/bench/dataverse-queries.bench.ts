/**
 * Key queries over 100,000 contacts against the Dataverse emulator, over HTTP on loopback:
 *   npx tsx test/bench/dataverse-queries.bench.ts [iterations]
 * Prints median and p95 per query kind, and a deliberately scanning filter (non-indexed `jobtitle`) as the
 * baseline, with the ratio of each. The structural proof (no rows scanned) is
 * sandbox/src/dataverse/indexed-queries.int.test.ts; this only shows what the indexes buy.
 */
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { createPrng } from '../../sandbox/src/common';
import { seedDataverseRows } from '../../sandbox/src/dataverse/demo-seed';
import { startDataverse } from '../../sandbox/src/dataverse/test-support/harness';

const CONTACTS = 100_000;
// `npm run bench` passes its flags (`--json`, …) to every benchmark: the iterations are the first plain number.
const ITERATIONS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 200);
// A scan is ~1,000 times slower: a few of them give a stable median without dominating the run time.
const SCAN_ITERATIONS = Math.max(5, Math.round(ITERATIONS / 10));

/** Deterministic GUIDs spread like random ones, sorted so seeding appends (the store keeps primary-key order). */
function seededContacts(count: number) {
  const random = createPrng(42);
  const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');
  const ids = Array.from({ length: count }, () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`).sort();
  return ids.map((contactid, i) => ({
    contactid,
    lastname: `Last${i}`,
    emailaddress1: `contact${i}@example.com`,
    clar_clarityid: `CL-${String(i).padStart(6, '0')}`,
    jobtitle: ['Buyer', 'Owner', 'Manager'][i % 3],
  }));
}

interface Kind {
  name: string;
  iterations: number;
  /** Method, path after the service root and body for the i-th call. */
  call: (i: number) => { method: 'GET' | 'PATCH'; path: string; body?: string };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

async function main() {
  // Limits off: the point is query cost, not the 6,000-per-300 s budget this run would otherwise spend.
  const dv = await startDataverse({ limits: false });
  const agent = new Agent({ connections: 1 });
  try {
    const contacts = seededContacts(CONTACTS);
    const seedStart = performance.now();
    seedDataverseRows(dv.emulator, { accounts: [], contacts });
    console.log(`seeded ${CONTACTS.toLocaleString('en-US')} contacts in ${Math.round(performance.now() - seedStart)} ms`);

    const headers = { authorization: `Bearer ${await dv.token()}`, accept: 'application/json', 'content-type': 'application/json' };
    // Spread targets over the table (a prime stride) so no kind keeps hitting one hot row.
    const row = (i: number) => contacts[(i * 7919) % CONTACTS] as (typeof contacts)[number];
    const filter = (expr: string) => `contacts?$select=contactid&$filter=${encodeURIComponent(expr)}`;
    const kinds: Kind[] = [
      { name: 'GET by id', iterations: ITERATIONS, call: (i) => ({ method: 'GET', path: `contacts(${row(i).contactid})?$select=contactid` }) },
      { name: 'GET by alternate key', iterations: ITERATIONS, call: (i) => ({ method: 'GET', path: `contacts(clar_clarityid='${row(i).clar_clarityid}')?$select=contactid` }) },
      { name: '$filter emailaddress1 eq', iterations: ITERATIONS, call: (i) => ({ method: 'GET', path: filter(`emailaddress1 eq '${row(i).emailaddress1.toUpperCase()}'`) }) },
      { name: '$filter clar_clarityid eq', iterations: ITERATIONS, call: (i) => ({ method: 'GET', path: filter(`clar_clarityid eq '${row(i).clar_clarityid}'`) }) },
      {
        name: 'PATCH upsert by alternate key',
        iterations: ITERATIONS,
        call: (i) => ({ method: 'PATCH', path: `contacts(clar_clarityid='${row(i).clar_clarityid}')`, body: JSON.stringify({ jobtitle: `Bench ${i}` }) }),
      },
      { name: 'baseline: $filter jobtitle eq (scan)', iterations: SCAN_ITERATIONS, call: (i) => ({ method: 'GET', path: filter(`jobtitle eq 'nobody ${i}'`) }) },
    ];

    const results: { name: string; median: number; p95: number }[] = [];
    for (const kind of kinds) {
      const times: number[] = [];
      for (let i = -5; i < kind.iterations; i++) {
        const { method, path, body } = kind.call(Math.abs(i));
        const started = performance.now();
        const res = await request(`${dv.api}${path}`, { method, headers, body, dispatcher: agent });
        await res.body.text();
        if (res.statusCode >= 300) throw new Error(`${kind.name}: ${method} ${path} answered ${res.statusCode}`);
        if (i >= 0) times.push(performance.now() - started); // the first 5 warm the JIT and the connection
      }
      times.sort((a, b) => a - b);
      results.push({ name: kind.name, median: percentile(times, 0.5), p95: percentile(times, 0.95) });
    }

    const baseline = results[results.length - 1] as (typeof results)[number];
    console.log(`\n${'query'.padEnd(40)}${'median ms'.padStart(11)}${'p95 ms'.padStart(10)}${'scan/this'.padStart(11)}`);
    for (const r of results)
      console.log(`${r.name.padEnd(40)}${r.median.toFixed(2).padStart(11)}${r.p95.toFixed(2).padStart(10)}${`${(baseline.median / r.median).toFixed(0)}x`.padStart(11)}`);
    console.log(`\n${ITERATIONS} calls per key query, ${SCAN_ITERATIONS} scans; one keep-alive connection, sequential.`);
  } finally {
    await agent.close();
    await dv.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
