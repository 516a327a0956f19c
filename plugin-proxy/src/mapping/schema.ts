/**
 * The JSON shape of a mapping file, as zod schemas. Objects are strict so a misspelt keyword ("tranform")
 * is reported at start-up instead of being silently ignored; `comment` is allowed anywhere a consultant
 * may want to leave a note, since JSON has no comments.
 */
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export type Condition =
  | { exists: string }
  | { path: string; equals: string | number | boolean | null }
  | { path: string; in: Array<string | number | boolean | null> }
  | { not: Condition }
  | { all: Condition[] }
  | { any: Condition[] };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union(
    [
      z.strictObject({ exists: z.string().min(1) }),
      z.strictObject({ path: z.string().min(1), equals: scalar }),
      z.strictObject({ path: z.string().min(1), in: z.array(scalar).min(1) }),
      z.strictObject({ not: ConditionSchema }),
      z.strictObject({ all: z.array(ConditionSchema).min(1) }),
      z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    ],
    { error: 'expected one of {"exists"}, {"path","equals"}, {"path","in"}, {"not"}, {"all"}, {"any"}' },
  ),
);

const TransformSpecSchema = z.union([z.string().min(1), z.looseObject({ name: z.string().min(1) })], {
  error: 'expected a transform name or { "name": …, …arguments }',
});
export type TransformSpec = z.infer<typeof TransformSpecSchema>;

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a logical name such as "accounts"');

export const LookupSchema = z.strictObject({
  entitySet: identifier,
  /** Alternate-key column; omitted means the source value is the row's GUID. */
  key: identifier.optional(),
  source: z.string().min(1),
  clearWhenEmpty: z.boolean().optional(),
});

export const FieldRuleSchema = z.strictObject({
  target: z.string().min(1),
  source: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  const: z.unknown().optional(),
  lookup: LookupSchema.optional(),
  transform: z.union([TransformSpecSchema, z.array(TransformSpecSchema)]).optional(),
  valueMap: z.record(z.string(), z.unknown()).optional(),
  default: z.unknown().optional(),
  type: z.enum(['string', 'integer', 'number', 'boolean', 'datetime', 'money']).optional(),
  when: ConditionSchema.optional(),
  sourceOfTruth: z.enum(['clarity', 'dataverse', 'both']).optional(),
  direction: z.enum(['both', 'clarity-to-dataverse', 'dataverse-to-clarity']).optional(),
  nullWhenMissing: z.boolean().optional(),
  comment: z.string().optional(),
});
export type FieldRule = z.infer<typeof FieldRuleSchema>;

const endpoint = z.string().regex(/^(clarity|dataverse)\.[a-z][a-z0-9_]*$/, 'expected "clarity.<resource>" or "dataverse.<table>"');

/** The header; fields are validated one by one so each problem can name its field. */
export const MappingHeaderSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case name such as "customer-to-contact"'),
  from: endpoint,
  to: endpoint,
  description: z.string().optional(),
  comment: z.string().optional(),
  fields: z.array(z.unknown()).min(1, 'a mapping needs at least one field'),
});

export interface MappingDefinition extends Omit<z.infer<typeof MappingHeaderSchema>, 'fields'> {
  fields: FieldRule[];
}

/** "fields.2.transform" style issue paths, minus what the message prefix already says. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
}
