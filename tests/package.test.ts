// package.json's `engines` names a Node version that has every newer API the code calls.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = new URL('..', import.meta.url).pathname;
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const code = sources(join(root, 'src')).map((file) => readFileSync(file, 'utf8')).join('\n');

/** APIs newer than Node 20.0 and the Node 20 release that added each (from Node's own docs). */
const NEWER_APIS: { api: string; used: RegExp; since: string }[] = [
  { api: 'process.loadEnvFile', used: /process\.loadEnvFile\(/, since: '20.12.0' },
  { api: 'Dirent.parentPath', used: /\.parentPath\b/, since: '20.12.0' },
  { api: 'fs.readdir { recursive }', used: /readdir\([^)]*recursive: true/, since: '20.1.0' },
];

const version = (v: string) => v.split('.').map(Number) as [number, number, number];
const atLeast = (a: string, b: string) => {
  const [x, y] = [version(a), version(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return true;
};

describe('package.json engines', () => {
  const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  // ">=20.12" → "20.12.0"
  const minimum = [...engines.replace(/^>=/, '').split('.'), '0', '0'].slice(0, 3).join('.');

  it('is a plain minimum, ">=major.minor"', () => assert.match(engines, /^>=\d+\.\d+$/));

  for (const { api, used, since } of NEWER_APIS) {
    it(`covers ${api} (Node ${since}) when the code calls it`, () => {
      if (!used.test(code)) return;
      assert.ok(atLeast(minimum, since), `engines "${engines}" is older than ${since}, which ${api} needs`);
    });
  }

  it('is met by the Node running the tests', () => assert.ok(atLeast(process.versions.node, minimum)));
});
