import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { optionsFrom, writeJson } from './cli';
import { generateDemoData } from './generate';

describe('demo CLI', () => {
  test('parses flags into options', () => {
    expect(optionsFrom(['--customers', '50', '--seed', '7', '--crm-overlap', '0.5', '--out', 'x.json'])).toEqual({
      options: { customers: 50, seed: 7, crmOverlap: 0.5 }, out: 'x.json', pretty: false,
    });
    expect(() => optionsFrom(['--seed', '1'])).toThrow(/usage/);
    expect(() => optionsFrom(['--customers', 'many'])).toThrow(/--customers/);
  });

  test('the streamed file is exactly JSON.stringify of the data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-cli-'));
    try {
      const data = generateDemoData({ customers: 30, seed: 7 });
      const file = join(dir, 'demo.json');
      writeJson(file, data);
      expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(data));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
