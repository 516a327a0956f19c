import { buildSync } from 'esbuild';
import path from 'node:path';
import vm from 'node:vm';

/** The bundle must define the global names the ribbon and the forms call (`Clarity.Ribbon.resync`, …). */
it('the esbuild IIFE bundle defines Clarity.Ribbon.resync / isSaved, Clarity.Form.onLoad and Clarity.Auth.setTokenProvider / configure', () => {
  const out = buildSync({ entryPoints: [path.join(__dirname, 'index.ts')], bundle: true, format: 'iife', globalName: 'Clarity', target: 'es2017', write: false });
  const context: Record<string, unknown> = {};
  vm.runInNewContext(out.outputFiles[0]!.text, context);
  const clarity = context.Clarity as Record<string, Record<string, unknown>>;
  expect(typeof clarity.Ribbon?.resync).toBe('function');
  expect(typeof clarity.Ribbon?.isSaved).toBe('function');
  expect(typeof clarity.Form?.onLoad).toBe('function');
  expect(typeof clarity.Auth?.setTokenProvider).toBe('function');
  expect(typeof clarity.Auth?.configure).toBe('function');
});
