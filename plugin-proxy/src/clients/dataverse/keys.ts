/** Building record addresses: `set(<guid>)` or `set(name='value',…)` (dataverse-webapi.md §2.4). */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/**
 * An alternate-key segment: strings single-quoted with quotes doubled (§1.4 literal rule), numbers bare.
 * `alternateKey({ clar_clarityid: "O'Neil" })` → `clar_clarityid='O''Neil'`.
 */
export function alternateKey(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, v]) => `${name}=${typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`}`)
    .join(',');
}

/** `set(key)` with the key percent-encoded where a URL needs it; OData's own punctuation stays readable. */
export function recordPath(set: string, key: string): string {
  const encoded = key.replace(/[^A-Za-z0-9\-._~'=,:@!$*+]/gu, (c) => encodeURIComponent(c));
  return `${set}(${encoded})`;
}

/** The GUID at the end of an `OData-EntityId` (`…/contacts(<guid>)`); undefined for key-form ids. */
export function idFromEntityUrl(url: string | undefined): string | undefined {
  const m = /\(([0-9a-fA-F-]{36})\)\s*$/.exec(url ?? '');
  return m?.[1]?.toLowerCase();
}

/** Logical name for `@odata.type` from an entity set name (contacts → contact, transactioncurrencies → transactioncurrency). */
export function logicalNameOf(set: string): string {
  if (set.endsWith('ies')) return `${set.slice(0, -3)}y`;
  if (/(ss|sh|ch|x)es$/.test(set)) return set.slice(0, -2);
  return set.endsWith('s') ? set.slice(0, -1) : set;
}
