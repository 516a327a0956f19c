import type { MergeConflict } from '../../mapping';
import type { CustomerFlowDeps } from './deps';

/** Every conflict the merge settled, for the operations page and the logs. */
export async function recordConflicts(deps: CustomerFlowDeps, entity: string, clarityId: string, dataverseId: string, conflicts: readonly MergeConflict[]): Promise<void> {
  for (const c of conflicts) {
    await deps.store.conflicts.record({
      entity,
      clarityId,
      dataverseId,
      field: c.field,
      clarityValue: c.clarityValue,
      dataverseValue: c.dataverseValue,
      resolution: `${c.resolution} (${c.reason})`,
      at: deps.now(),
    });
    deps.logger.info({ entity, clarityId, field: c.field, resolution: c.resolution, reason: c.reason }, 'sync conflict resolved');
  }
}
