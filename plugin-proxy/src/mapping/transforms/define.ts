import { z } from 'zod';

/** A transform could not handle a value; the engine turns it into a field error naming the mapping. */
export class TransformError extends Error {}

export interface TransformDef {
  /** Validates the rule's arguments at start-up (strict: a misspelt argument is a problem, not ignored). */
  readonly args: z.ZodType;
  /** One line for the README and error messages. */
  readonly example: string;
  run(value: unknown, args: unknown): unknown;
}

/** Typed helper so each transform sees its own parsed argument type. */
export function define<S extends z.ZodType>(args: S, example: string, run: (value: unknown, args: z.output<S>) => unknown): TransformDef {
  return { args, example, run: (value, a) => run(value, a as z.output<S>) };
}

export const noArgs = z.strictObject({});

export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

/** Text transforms accept numbers and booleans as their text; objects are a mapping mistake. */
export function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new TransformError(`expected text, got ${describe(v)}`);
}

export const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
