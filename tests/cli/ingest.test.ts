import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PgArticleRepository } from '../../src/store/pg/article-repository.ts';
import { fixture, startFeedServer } from '../helpers/feed-server.ts';
import { freshDatabase, pgSkip } from '../helpers/pg.ts';
import { testLogger } from '../store/contract/backends.ts';
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

  // With DATABASE_URL the bot reads nothing of DATA_DIR's lowdb files: "new: 3" there would be a lie.
  it('refuses to ingest a feed into lowdb files when DATABASE_URL is set, saying what to do, and writes nothing', async () => {
    const dir = await tempDir();
    const { code, stdout, stderr } = await runCli('src/cli/ingest.ts', ['--feed', 'https://example.com/rss'], { env: { DATA_DIR: join(dir, 'data'), DATABASE_URL: 'postgres://khulasa@127.0.0.1:9/khulasa' } });
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /^error: DATABASE_URL is set, and npm run ingest -- --feed works on the lowdb files in DATA_DIR.*\/feeds add URL.*Nothing was changed\.\n$/);
    assert.deepEqual(await readdir(join(dir, 'data')).catch(() => []), [], 'no store files in DATA_DIR');
  });

  it('stops with one clear line on an invalid setting', async () => {
    const { code, stderr } = await runCli('src/cli/ingest.ts', [SEED_FILE], { env: { DEFAULT_TIMEZONE: 'Nowhere/City' } });
    assert.equal(code, 1);
    assert.equal(stderr.trim(), 'error: DEFAULT_TIMEZONE must be an IANA time zone such as Asia/Riyadh');
  });
});

describe('npm run ingest with DATABASE_URL', { skip: pgSkip }, () => {
  it('stores the pages in PostgreSQL, where the bot reads them, and nothing in DATA_DIR', async () => {
    const { url, pool } = await freshDatabase({ migrated: false });
    const dir = await tempDir();
    const env = { DATA_DIR: join(dir, 'data'), DATABASE_URL: url };
    const first = await runCli('src/cli/ingest.ts', [SEED_FILE], { env });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /new: 11 {2}updated: 0 {2}unchanged: 0 {2}rejected: 0/);
    const again = await runCli('src/cli/ingest.ts', ['--json', SEED_FILE], { env });
    assert.deepEqual(JSON.parse(again.stdout), { pages: 1, new: 0, updated: 0, unchanged: 11, rejected: [] });
    const stored = await PgArticleRepository.open(pool, { logger: testLogger, follow: false });
    assert.equal(stored.size, 11);
    assert.match((await stored.get(stored.latest(1)[0]?.id ?? ''))?.summary ?? '', /\p{Script=Arabic}/u);
    assert.deepEqual(await readdir(join(dir, 'data')).catch(() => []), [], 'no store files in DATA_DIR');
  });
});

describe('npm run ingest -- --feed', async () => {
  const server = await startFeedServer();

  it('fetches one feed, stores its items and reports them, then finds them unchanged', async () => {
    server.serve('/cli.xml', fixture('arabic-rss.xml'));
    const env = { DATA_DIR: join(await tempDir(), 'data') };
    const first = await runCli('src/cli/ingest.ts', ['--feed', server.url('/cli.xml')], { env });
    assert.equal(first.code, 0);
    assert.match(first.stdout, /\(وكالة الأنباء التجريبية\) {2}status: ok/);
    assert.match(first.stdout, /items: 2 {2}new: 2 {2}updated: 0 {2}unchanged: 0 {2}rejected: 0/);
    const again = await runCli('src/cli/ingest.ts', ['--feed', server.url('/cli.xml'), '--json'], { env });
    const report = JSON.parse(again.stdout);
    assert.deepEqual([report.status, report.new, report.unchanged], ['ok', 0, 2]);
  });

  it('exits 0 for a malformed feed it reached, with the reason, and 1 for one it could not reach', async () => {
    server.serve('/cli-broken.xml', fixture('malformed.xml'), 'text/html');
    const env = { DATA_DIR: join(await tempDir(), 'data') };
    const malformed = await runCli('src/cli/ingest.ts', ['--feed', server.url('/cli-broken.xml')], { env });
    assert.equal(malformed.code, 0);
    assert.match(malformed.stdout, /status: malformed\nerror: not an RSS, Atom, RDF or JSON feed/);
    const missing = await runCli('src/cli/ingest.ts', ['--feed', server.url('/none.xml'), '--json'], { env });
    assert.equal(missing.code, 1);
    assert.deepEqual(JSON.parse(missing.stdout).error, 'HTTP 404 Not Found');
  });
});
