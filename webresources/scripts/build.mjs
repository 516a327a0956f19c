// Builds the solution's web resources into webresources/dist (or --outdir DIR):
//   clar_/scripts/clarity.js  one IIFE bundle defining the global `Clarity` (ribbon, form, sign-in);
//   clar_/auth/redirect.html  the MSAL redirect page (redirect bridge inlined: one web resource, one URL to register).
// Deterministic (no banner with dates, no source map) so the solution zip stays reproducible.
import { build } from 'esbuild';
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const at = process.argv.indexOf('--outdir');
const outdir = at > 0 ? path.resolve(process.argv[at + 1]) : path.join(root, 'dist');
const common = { bundle: true, format: 'iife', target: 'es2017', minify: true, legalComments: 'none', logLevel: 'info' };

await build({ ...common, entryPoints: [path.join(root, 'src/index.ts')], outfile: path.join(outdir, 'clar_/scripts/clarity.js'), globalName: 'Clarity' });

const bridge = await build({ ...common, entryPoints: [path.join(root, 'src/redirect.ts')], write: false, logLevel: 'warning' });
// `</script` inside the inlined code would end the element early; `<\/` means the same in JavaScript.
const script = bridge.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
const html = [
  '<!doctype html>',
  '<html lang="en">',
  '<head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Signing in to Clarity…</title></head>',
  '<body>',
  `<script>${script.trimEnd()}</script>`,
  '</body>',
  '</html>',
  '',
].join('\n');
mkdirSync(path.join(outdir, 'clar_/auth'), { recursive: true });
writeFileSync(path.join(outdir, 'clar_/auth/redirect.html'), html);
process.stdout.write(`  ${path.relative(process.cwd(), path.join(outdir, 'clar_/auth/redirect.html'))}  ${(Buffer.byteLength(html) / 1024).toFixed(1)}kb\n`);
