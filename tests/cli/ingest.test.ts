import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/run-cli.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';

describe('npm run ingest', () => {
  it('prints counts, then the same as JSON with --json', async () => {
    const dir = await tempDir();
    const env = { DATA_DIR: join(dir, 'data') };
    const first = await runCli('src/cli/ingest.ts', [SEED_FILE], { env });
    assert.equal(first.code, 0);
    assert.match(first.stdout, /new: 11 {2}updated: 0 {2}unchanged: 0 {2}rejected: 0/);
    const again = await runCli('src/cli/ingest.ts', ['--json', SEED_FILE], { env });
    assert.deepEqual(JSON.parse(again.stdout), { pages: 1, new: 0, updated: 0, unchanged: 11, rejected: [] });
  });

  it('exits 1 when a named path does not exist', async () => {
    const dir = await tempDir();
    const { code, stderr } = await runCli('src/cli/ingest.ts', [join(dir, 'missing')], { env: { DATA_DIR: join(dir, 'data') } });
    assert.equal(code, 1);
    assert.match(stderr, /no such file or folder/);
  });

  it('stops with one clear line on an invalid setting', async () => {
    const { code, stderr } = await runCli('src/cli/ingest.ts', [SEED_FILE], { env: { DEFAULT_TIMEZONE: 'Nowhere/City' } });
    assert.equal(code, 1);
    assert.equal(stderr.trim(), 'error: DEFAULT_TIMEZONE must be an IANA time zone such as Asia/Riyadh');
  });
});
