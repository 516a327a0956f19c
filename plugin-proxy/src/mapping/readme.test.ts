import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FieldRuleSchema, LookupSchema } from './schema';
import { TRANSFORMS } from './transforms';

/** The consultant's documentation must keep up with the engine: every keyword and transform is described. */
const readme = readFileSync(join(__dirname, '..', '..', 'mappings', 'README.md'), 'utf8');

it.each(Object.keys(FieldRuleSchema.shape))('README documents the rule keyword %s', (keyword) => {
  expect(readme).toContain(`| \`${keyword}\` |`);
});

it.each(Object.keys(LookupSchema.shape))('README documents the lookup keyword %s', (keyword) => {
  expect(readme).toContain(`"${keyword}"`);
});

it.each(Object.keys(TRANSFORMS))('README documents the transform %s', (name) => {
  expect(readme).toContain(`| \`${name}\` |`);
});

it.each(readdirSync(join(__dirname, '..', '..', 'mappings')).filter((f) => f.endsWith('.json')))('README describes the shipped file %s', (file) => {
  expect(readme).toContain(`| \`${file}\` |`);
});
