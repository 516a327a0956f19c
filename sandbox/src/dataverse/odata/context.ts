/**
 * `@odata.context` URLs (specs/dataverse-webapi.md §1.3): `…/$metadata#accounts(name,revenue)` for
 * collections, `…#accounts/$entity` for one record, expanded properties listed with their own selection
 * (`#accounts(name,primarycontactid(fullname))/$entity`, `primarycontactid()` when nothing was selected in it),
 * and `…/$delta` for change-tracking responses.
 */
export interface ContextExpand {
  readonly name: string;
  readonly select?: readonly string[];
}

export function odataContext(
  baseUrl: string,
  entitySet: string,
  select?: readonly string[],
  expand?: readonly ContextExpand[],
  kind: 'collection' | 'entity' | 'delta' = 'collection',
): string {
  const items = [...(select ?? []), ...(expand ?? []).map((e) => `${e.name}(${(e.select ?? []).join(',')})`)];
  const projection = items.length > 0 ? `(${items.join(',')})` : '';
  const suffix = kind === 'entity' ? '/$entity' : kind === 'delta' ? '/$delta' : '';
  return `${baseUrl.replace(/\/+$/, '')}/$metadata#${entitySet}${projection}${suffix}`;
}
