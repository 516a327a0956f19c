/**
 * Where an entity's load stands: the last record written, by Clarity's list order (`updatedAt` ascending, ties by
 * id, clarity-api.md §4.8). A restart lists from that `updatedAt` again and skips what is at or before the
 * position, so it neither misses records nor depends on a cursor's lifetime; writes are upserts by alternate
 * key, so a batch written but not yet checkpointed is rewritten, never duplicated.
 */
import type { Store } from '../store/types';
import type { LoadEntity } from './progress';

export interface LoadPosition {
  updatedAt: string;
  id: string;
  /** Records done so far across runs. */
  done: number;
  /** Set once the entity's list was read to the end. */
  complete?: boolean;
}

export const loadCheckpointName = (entity: LoadEntity) => `initial-load:${entity}`;

export async function readPosition(store: Store, entity: LoadEntity): Promise<LoadPosition | undefined> {
  const value = (await store.checkpoints.get(loadCheckpointName(entity))) as LoadPosition | null | undefined;
  return value && typeof value.updatedAt === 'string' ? value : undefined;
}

export const savePosition = (store: Store, entity: LoadEntity, position: LoadPosition) => store.checkpoints.set(loadCheckpointName(entity), position);

/** True when a record sorts at or before the saved position (already loaded). */
export function isBehind(position: LoadPosition | undefined, updatedAt: string, id: string): boolean {
  if (!position) return false;
  const a = Date.parse(updatedAt);
  const b = Date.parse(position.updatedAt);
  return a < b || (a === b && id <= position.id);
}
