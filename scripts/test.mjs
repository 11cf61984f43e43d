// Runs every tests/**/*.test.ts with Node's own test runner (Node 20 has no --test globs).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const findTests = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findTests(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });

const files = findTests('tests').sort();
if (files.length === 0) {
  console.error('no test files under tests/');
  process.exit(1);
}
const extra = process.argv.slice(2);
// A test that hangs (a lost notification, a lock never released) fails after ten minutes instead
// of stalling the whole run until CI's own limit.
const TEST_TIMEOUT_MS = 600_000;
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-timeout=${TEST_TIMEOUT_MS}`, ...extra, ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
