export type { FlowDeps as ReturnFlowDeps } from '../deps';

export const RETURN_MAPPING = 'return-to-incident';

/** Link-table entity for a return ⇄ incident pair. */
export const RETURN_ENTITY = 'return';

/** incident statecode values (dataverse-webapi.md §5.2). */
export const CASE_STATE = { active: 0, resolved: 1, canceled: 2 } as const;
