/**
 * The registry of named transforms a mapping rule may use. Transforms are pure: same value and arguments,
 * same result; they never see the rest of the record, which keeps every rule readable on its own.
 */
import { CONVERT_TRANSFORMS } from './convert';
import type { TransformDef } from './define';
import { GEO_TRANSFORMS } from './geo';
import { TEXT_TRANSFORMS } from './text';

export const TRANSFORMS: Readonly<Record<string, TransformDef>> = Object.freeze({ ...TEXT_TRANSFORMS, ...CONVERT_TRANSFORMS, ...GEO_TRANSFORMS });

export { TransformError, isBlank, describe } from './define';
export type { TransformDef } from './define';
export { parseBoolean, parseDate, moneyToNumber, numberToMoney } from './convert';
