import path from 'node:path';
import { build } from 'esbuild';

let bundled: Promise<string> | undefined;

/** The preview's ComponentFramework host (browser/host.ts) as one script, bundled once per process. */
export function hostScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [path.join(__dirname, 'browser', 'host.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: false,
    legalComments: 'none',
  })
    .then((r) => r.outputFiles[0]?.text ?? '')
    .catch((err: unknown) => {
      bundled = undefined;
      throw err;
    });
  return bundled;
}
