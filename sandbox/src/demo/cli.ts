/**
 * Generates a demo data set for inspection:
 *   npx tsx sandbox/src/demo/cli.ts --customers 50 --seed 7 --out demo.json
 * Prints the summary; with --out, writes the whole data set as JSON (streamed, because 100,000
 * customers with orders is larger than the biggest string V8 can build).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateDemoData, type DemoData, type DemoOptions } from './generate';

const USAGE = `usage: cli.ts --customers N [--seed N] [--orders-per-customer N] [--products N]
       [--company-share F] [--crm-overlap F] [--crm-only N] [--now ISO] [--out file.json] [--pretty]`;

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new RangeError(`--${name} must be a number, got ${JSON.stringify(v)}`);
  return n;
}

export function optionsFrom(argv: string[]): { options: DemoOptions; out?: string; pretty: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      customers: { type: 'string' }, seed: { type: 'string' }, 'orders-per-customer': { type: 'string' },
      products: { type: 'string' }, 'company-share': { type: 'string' }, 'crm-overlap': { type: 'string' },
      'crm-only': { type: 'string' }, now: { type: 'string' }, out: { type: 'string' }, pretty: { type: 'boolean' },
    },
  });
  const customers = num('customers', values.customers);
  if (customers === undefined) throw new RangeError(USAGE);
  const entries: [keyof DemoOptions, number | string | undefined][] = [
    ['seed', num('seed', values.seed)], ['ordersPerCustomer', num('orders-per-customer', values['orders-per-customer'])],
    ['products', num('products', values.products)], ['companyShare', num('company-share', values['company-share'])],
    ['crmOverlap', num('crm-overlap', values['crm-overlap'])], ['crmOnly', num('crm-only', values['crm-only'])],
    ['now', values.now],
  ];
  const options = { customers, ...Object.fromEntries(entries.filter(([, v]) => v !== undefined)) } as DemoOptions;
  return { options, ...(values.out ? { out: values.out } : {}), pretty: values.pretty ?? false };
}

/** Writes exactly `JSON.stringify(data)`, one array element at a time. */
export function writeJson(path: string, data: DemoData): void {
  const fd = openSync(path, 'w');
  let buf = '';
  const put = (s: string) => {
    buf += s;
    if (buf.length > 1 << 20) { writeSync(fd, buf); buf = ''; }
  };
  const object = (o: object) => {
    put('{');
    Object.entries(o).filter(([, v]) => v !== undefined).forEach(([k, v], i) => {
      put(`${i ? ',' : ''}${JSON.stringify(k)}:`);
      if (Array.isArray(v)) {
        put('[');
        v.forEach((x, j) => put((j ? ',' : '') + JSON.stringify(x)));
        put(']');
      } else if (v && typeof v === 'object' && k !== 'summary') {
        object(v as object);
      } else {
        put(JSON.stringify(v));
      }
    });
    put('}');
  };
  try {
    object(data);
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
}

function main(): void {
  const { options, out, pretty } = optionsFrom(process.argv.slice(2));
  const started = process.hrtime.bigint();
  const data = generateDemoData(options);
  const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
  console.log(JSON.stringify(data.summary, null, 2));
  console.log(`generated in ${ms} ms`);
  if (out) {
    if (pretty) {
      const fd = openSync(out, 'w');
      try { writeSync(fd, `${JSON.stringify(data, null, 2)}\n`); } finally { closeSync(fd); }
    } else {
      writeJson(out, data);
    }
    console.log(`wrote ${out}`);
  }
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 2;
  }
}
