/**
 * Three-way merge in canonical field space (Dataverse attribute names, as produced by the
 * clarity→dataverse mapping). `base` is what both sides agreed on at the last sync. A field changed on one
 * side flows to the other; changed on both to different values is a conflict, settled by the field's
 * sourceOfTruth, else by the newer record timestamp, and recorded so an operator can see it.
 * An absent value means "no opinion" (not in this payload), never "cleared": clearing is an explicit null.
 */
import { canonicalEqual } from './hash';
import type { FieldPolicy } from './types';

type Values = Readonly<Record<string, unknown>>;
type Side = 'clarity' | 'dataverse';

export interface MergeInput {
  /** Last synced canonical values; null/undefined on the first sync of a pair. */
  readonly base?: Values | null;
  readonly clarity: Values;
  readonly dataverse: Values;
  readonly fields: Readonly<Record<string, FieldPolicy>>;
  readonly clarityUpdatedAt?: string | Date | null;
  readonly dataverseModifiedOn?: string | Date | null;
}

export interface MergeConflict {
  readonly field: string;
  readonly clarityValue: unknown;
  readonly dataverseValue: unknown;
  readonly resolution: Side;
  /** sourceOfTruth: the field's owner won; newer: the more recent record won; oneWay: a change on the side that may not send this field was undone. */
  readonly reason: 'sourceOfTruth' | 'newer' | 'oneWay';
}

export interface MergeResult {
  readonly toDataverse: Record<string, unknown>;
  readonly toClarity: Record<string, unknown>;
  readonly conflicts: MergeConflict[];
  /** The values both sides hold once the writes succeed: the next base. */
  readonly merged: Record<string, unknown>;
}

const time = (t: string | Date | null | undefined): number => {
  const ms = t === null || t === undefined ? NaN : new Date(t).getTime();
  return Number.isNaN(ms) ? -Infinity : ms;
};

function winnerOf(policy: FieldPolicy, input: MergeInput): { side: Side; reason: MergeConflict['reason'] } {
  if (policy.sourceOfTruth !== 'both') return { side: policy.sourceOfTruth, reason: 'sourceOfTruth' };
  // A tie goes to Clarity, the commerce system of record; with millisecond timestamps ties are rare.
  return { side: time(input.dataverseModifiedOn) > time(input.clarityUpdatedAt) ? 'dataverse' : 'clarity', reason: 'newer' };
}

export function threeWayMerge(input: MergeInput): MergeResult {
  const { base, clarity, dataverse, fields } = input;
  const result: MergeResult = { toDataverse: {}, toClarity: {}, conflicts: [], merged: {} };
  const send = (to: Side, field: string, value: unknown): void => {
    (to === 'dataverse' ? result.toDataverse : result.toClarity)[field] = value;
    result.merged[field] = value;
  };

  for (const [field, policy] of Object.entries(fields)) {
    const c = clarity[field];
    const d = dataverse[field];
    if (c === undefined && d === undefined) continue;
    if (canonicalEqual(c, d)) {
      result.merged[field] = c;
      continue;
    }
    const b = base?.[field];
    const changed = (v: unknown): boolean => v !== undefined && (base == null || !canonicalEqual(v, b));
    const cChanged = changed(c);
    const dChanged = changed(d);
    const mayReach = (to: Side): boolean => policy.direction !== (to === 'dataverse' ? 'dataverse-to-clarity' : 'clarity-to-dataverse');

    if (cChanged !== dChanged) {
      const from: Side = cChanged ? 'clarity' : 'dataverse';
      const to: Side = cChanged ? 'dataverse' : 'clarity';
      const [fromValue, toValue] = cChanged ? [c, d] : [d, c];
      if (mayReach(to)) send(to, field, fromValue);
      else if (toValue !== undefined) {
        // The field is owned by the other side: put its value back where it was edited.
        send(from, field, toValue);
        result.conflicts.push({ field, clarityValue: c, dataverseValue: d, resolution: to, reason: 'oneWay' });
      }
      continue;
    }
    if (!cChanged) continue;
    const { side, reason } = winnerOf(policy, input);
    if (side === 'clarity') send('dataverse', field, c);
    else send('clarity', field, d);
    result.conflicts.push({ field, clarityValue: c, dataverseValue: d, resolution: side, reason });
  }
  return result;
}
