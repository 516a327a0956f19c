/** The pure OData query library the Dataverse emulator's routes and store call. */
export { odataContext, type ContextExpand } from './context';
export { createExpander, expandRow, type ExpandContext, type FetchRelated, type RelatedRequest } from './expand-serialize';
export { parseExpand, type ExpandItem } from './expand';
export {
  compileFilter,
  indexableEqualities,
  indexableInLists,
  parseFilter,
  propertyGetter,
  type CompileOptions,
  type FilterNode,
  type IndexableEquality,
  type IndexableInList,
  type Predicate,
  type PropertyRef,
  type Resolver,
} from './filter/index';
export { formatDateTime, formatValue, type FormatContext } from './format';
export { compareRows, orderByText, parseOrderBy, sortRows, type OrderByItem } from './orderby';
export { annotationWanted, MAX_PAGE_SIZE, parsePrefer, preferenceApplied, type AppliedPreferences, type Prefer } from './prefer';
export { compareGuids, odataName, resolveProperty, sqlGuidKey } from './properties';
export { assertChangeTrackingCompatible, parseQueryOptions, type QueryOptions } from './query-options';
export { queryErrors } from './query-errors';
export { parseSelect } from './select';
export { createRowSerializer, navigationPropertyFor, serializeRow, FORMATTED, LOGICAL_NAME, NAVIGATION, type LookupInfo, type SerializeOptions } from './serialize';
export { decodeSkipToken, deltaLink, encodeSkipToken, nextLink, type OriginalQuery, type SkipToken } from './skiptoken';
