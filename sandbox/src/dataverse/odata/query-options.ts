import { errors } from '../errors';
import type { MetadataRegistry, TableMeta } from '../metadata/registry';
import { parseExpand, parseTop, type ExpandItem } from './expand';
import type { FilterNode } from './filter/ast';
import { parseFilter } from './filter/index';
import { parseOrderBy, type OrderByItem } from './orderby';
import { queryErrors } from './query-errors';
import { parseSelect } from './select';
import { decodeSkipToken, type SkipToken } from './skiptoken';

/**
 * Parses and validates a collection/entity query string against the table (specs/dataverse-webapi.md §1.4):
 * option names are case-sensitive, `$skip`/`$search`/`$format` and unknown `$…` options are refused like the
 * real service, `$apply` is a real feature the emulator does not implement (clear 400), `@alias` values feed
 * `$filter`/`$orderby`, and `$deltatoken` refuses the options change tracking forbids (§8).
 */
export interface QueryOptions {
  /** OData property names in request order; undefined = all columns. */
  readonly select?: readonly string[];
  readonly filter?: FilterNode;
  readonly orderby: readonly OrderByItem[];
  readonly top?: number;
  readonly expand: readonly ExpandItem[];
  readonly count: boolean;
  readonly skiptoken?: SkipToken;
  readonly deltatoken?: string;
}

const SUPPORTED = new Set(['$select', '$filter', '$orderby', '$top', '$expand', '$count', '$skiptoken', '$deltatoken']);
const NOT_WITH_TRACKING = ['$filter', '$orderby', '$expand', '$top'] as const;

function entriesOf(query: URLSearchParams | Readonly<Record<string, string>>): Array<[string, string]> {
  return query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query);
}

/** Change tracking refuses these options (§8); call it too when `Prefer: odata.track-changes` is sent. */
export function assertChangeTrackingCompatible(options: Pick<QueryOptions, 'filter' | 'orderby' | 'expand' | 'top'>): void {
  const present = { $filter: options.filter !== undefined, $orderby: options.orderby.length > 0, $expand: options.expand.length > 0, $top: options.top !== undefined };
  for (const option of NOT_WITH_TRACKING) if (present[option]) throw errors.changeTrackingOption(option);
}

export function parseQueryOptions(
  query: URLSearchParams | Readonly<Record<string, string>>,
  table: TableMeta,
  registry: MetadataRegistry,
): QueryOptions {
  const options = new Map<string, string>();
  const aliases = new Map<string, string>();
  for (const [name, value] of entriesOf(query)) {
    if (name.startsWith('@')) {
      aliases.set(name, value);
      continue;
    }
    if (!name.startsWith('$')) continue; // custom query options are ignored by OData
    if (name === '$apply') throw queryErrors.emulatorUnsupported('The $apply query option');
    if (!SUPPORTED.has(name)) throw errors.queryOptionNotSupported(name);
    if (options.has(name)) throw queryErrors.duplicateOption(name);
    options.set(name, value);
  }
  const get = (name: string) => options.get(name);
  const select = get('$select');
  const filter = get('$filter');
  const orderby = get('$orderby');
  const top = get('$top');
  const expand = get('$expand');
  const count = get('$count');
  const skiptoken = get('$skiptoken');
  const deltatoken = get('$deltatoken');
  if (count !== undefined && count !== 'true' && count !== 'false') throw queryErrors.invalidCount(count);
  const selected = select !== undefined ? parseSelect(select, table) : undefined;
  const result: QueryOptions = {
    ...(selected ? { select: selected } : {}),
    ...(filter !== undefined ? { filter: parseFilter(filter, table, registry, aliases) } : {}),
    orderby: orderby !== undefined ? parseOrderBy(orderby, table, aliases) : [],
    ...(top !== undefined ? { top: parseTop(top) } : {}),
    expand: expand !== undefined ? parseExpand(expand, table, registry) : [],
    count: count === 'true',
    ...(skiptoken !== undefined ? { skiptoken: decodeSkipToken(skiptoken) } : {}),
    ...(deltatoken !== undefined ? { deltatoken } : {}),
  };
  if (deltatoken !== undefined) assertChangeTrackingCompatible(result);
  return result;
}
