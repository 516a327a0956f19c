// Builds webresources/dist/clar_/scripts/clarity.js: one IIFE bundle defining the global `Clarity`.
// Deterministic (no banner with dates, no source map) so the solution zip stays reproducible.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
await build({
  entryPoints: [path.join(root, 'src/index.ts')],
  outfile: path.join(root, 'dist/clar_/scripts/clarity.js'),
  bundle: true,
  format: 'iife',
  globalName: 'Clarity',
  target: 'es2017',
  minify: true,
  legalComments: 'none',
  logLevel: 'info',
});
