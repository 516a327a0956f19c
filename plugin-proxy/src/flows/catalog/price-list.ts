/**
 * The reference rows every catalog write needs (dataverse-webapi.md §5 dependency order: transactioncurrency →
 * pricelevel; uomschedule → uom → product → productpricelevel). Looked up once per process and cached: these
 * rows do not change while the connector runs. Also used by the orders flow (salesorder.pricelevelid).
 */
import { ConnectorError } from '../../errors';
import type { FlowDeps } from '../deps';

export interface PriceListRef {
  pricelevelid: string;
  transactioncurrencyid: string;
}

export interface UnitsRef {
  uomscheduleid: string;
  uomid: string;
}

/** Name of the connector's price list for a currency: `Clarity USD`. */
export const priceListName = (currency: string) => `Clarity ${currency.toUpperCase()}`;

/** Every org's unit group and its base unit (§5.2); seeded in the emulator by org-seed.ts. */
export const DEFAULT_UNIT_GROUP = 'Default Unit';
export const PRIMARY_UNIT = 'Primary Unit';

const odataString = (s: string) => `'${s.replace(/'/g, "''")}'`;

// Caches are per deps object (one per process, or per test sandbox), holding the promise so concurrent jobs
// share one lookup; a failed lookup is forgotten so the next job retries it.
const priceLists = new WeakMap<FlowDeps, Map<string, Promise<PriceListRef>>>();
const units = new WeakMap<FlowDeps, Promise<UnitsRef>>();

export function ensurePriceList(deps: FlowDeps, currency: string): Promise<PriceListRef> {
  const code = currency.trim().toUpperCase();
  let byCode = priceLists.get(deps);
  if (!byCode) priceLists.set(deps, (byCode = new Map()));
  const cached = byCode.get(code);
  if (cached) return cached;
  const pending = findOrCreatePriceList(deps, code);
  byCode.set(code, pending);
  pending.catch(() => byCode?.delete(code));
  return pending;
}

async function findOrCreatePriceList(deps: FlowDeps, code: string): Promise<PriceListRef> {
  const currencies = await deps.dataverse.query<{ transactioncurrencyid: string }>('transactioncurrencies', {
    select: ['transactioncurrencyid'],
    filter: `isocurrencycode eq ${odataString(code)}`,
    top: 1,
  });
  const transactioncurrencyid = currencies.value[0]?.transactioncurrencyid;
  if (!transactioncurrencyid) {
    throw new ConnectorError('CONNECTOR_ERR_VALIDATION', `Dataverse has no currency ${code}: add it (Settings → Currencies) before syncing prices in it`);
  }
  const name = priceListName(code);
  // The oldest list of that name wins, so instances that raced to create it all settle on the same one.
  const oldest = async () =>
    (
      await deps.dataverse.query<{ pricelevelid: string }>('pricelevels', {
        select: ['pricelevelid'],
        filter: `name eq ${odataString(name)} and _transactioncurrencyid_value eq ${transactioncurrencyid}`,
        orderby: 'createdon asc,pricelevelid asc',
        top: 1,
      })
    ).value[0]?.pricelevelid?.toLowerCase();
  const ref = (pricelevelid: string) => ({ pricelevelid, transactioncurrencyid: transactioncurrencyid.toLowerCase() });
  const existing = await oldest();
  if (existing) return ref(existing);
  const created = await deps.dataverse.create('pricelevels', {
    name,
    description: `Prices from Clarity eCommerce in ${code}; maintained by the connector.`,
    'transactioncurrencyid@odata.bind': `/transactioncurrencies(${transactioncurrencyid})`,
  });
  if (!created.id) throw new ConnectorError('CONNECTOR_ERR_INTERNAL', `Creating the price list ${name} returned no id`);
  const ours = created.id.toLowerCase();
  const winner = (await oldest()) ?? ours;
  if (winner !== ours) {
    // Another proxy instance created it first: use theirs and remove ours before anything refers to it.
    await deps.dataverse.delete('pricelevels', ours);
    return ref(winner);
  }
  deps.logger.info({ pricelevelid: ours, currency: code }, 'created price list');
  return ref(ours);
}

export function ensureUnits(deps: FlowDeps): Promise<UnitsRef> {
  const cached = units.get(deps);
  if (cached) return cached;
  const pending = findUnits(deps);
  units.set(deps, pending);
  pending.catch(() => units.delete(deps));
  return pending;
}

async function findUnits(deps: FlowDeps): Promise<UnitsRef> {
  const groups = await deps.dataverse.query<{ uomscheduleid: string }>('uomschedules', {
    select: ['uomscheduleid'],
    filter: `name eq ${odataString(DEFAULT_UNIT_GROUP)}`,
    top: 1,
  });
  const uomscheduleid = groups.value[0]?.uomscheduleid;
  if (!uomscheduleid) throw new ConnectorError('CONNECTOR_ERR_VALIDATION', `Dataverse has no unit group "${DEFAULT_UNIT_GROUP}"`);
  const unitsFound = await deps.dataverse.query<{ uomid: string }>('uoms', {
    select: ['uomid'],
    filter: `name eq ${odataString(PRIMARY_UNIT)} and _uomscheduleid_value eq ${uomscheduleid}`,
    top: 1,
  });
  const uomid = unitsFound.value[0]?.uomid;
  if (!uomid) throw new ConnectorError('CONNECTOR_ERR_VALIDATION', `The unit group "${DEFAULT_UNIT_GROUP}" has no unit "${PRIMARY_UNIT}"`);
  return { uomscheduleid: uomscheduleid.toLowerCase(), uomid: uomid.toLowerCase() };
}
