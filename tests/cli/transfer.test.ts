// npm run import / npm run export end to end: a lowdb DATA_DIR into a fresh PostgreSQL database
// and back into a new DATA_DIR, every store equal by count and checksum, Arabic to the byte.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Article } from '../../src/domain.ts';
import { lowdbBackend } from '../../src/ops/transfer/lowdb-backend.ts';
import { canonicalJson, summarize } from '../../src/ops/transfer/summary.ts';
import { freshDatabase, pgSkip } from '../helpers/pg.ts';
import { runCli } from '../helpers/run-cli.ts';
import { seededDataDir } from '../helpers/seeded-data-dir.ts';
import { tempDir } from '../helpers/tmp.ts';

async function contents(dataDir: string) {
  const set = await lowdbBackend(dataDir).open();
  try {
    const articles: Article[] = [];
    for await (const a of set.articles.articlesWithBodies()) articles.push(a);
    articles.sort((x, y) => x.id.localeCompare(y.id));
    return { summary: await summarize(set), articles, chats: set.chats.all(), conversations: await set.conversations.entries(), feeds: [...set.feedList.all()], feedState: [...set.feedState.entries()] };
  } finally {
    await set.close();
  }
}

describe('npm run import and npm run export', { skip: pgSkip }, () => {
  it('moves a DATA_DIR into PostgreSQL and back with nothing lost', async () => {
    const dir = await tempDir();
    const { url } = await freshDatabase({ migrated: false });
    await seededDataDir(join(dir, 'lowdb'));
    const imported = await runCli('src/cli/import.ts', ['--data-dir', join(dir, 'lowdb')], { env: { DATABASE_URL: url } });
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /^articles +source +11 +sha256 [0-9a-f]{64}\n +dest\. +11 +sha256 [0-9a-f]{64} +same$/m);
    assert.match(imported.stdout, /import complete: every store has the same count and checksum on both sides/);

    const exported = await runCli('src/cli/export.ts', ['--data-dir', join(dir, 'back'), '--json'], { env: { DATABASE_URL: url } });
    assert.equal(exported.code, 0, exported.stderr);
    const report = JSON.parse(exported.stdout) as { mismatched: string[] };
    assert.deepEqual(report.mismatched, []);

    const [before, after] = [await contents(join(dir, 'lowdb')), await contents(join(dir, 'back'))];
    assert.deepEqual(after.summary, before.summary);
    assert.deepEqual(after, before);
    // Byte for byte, the Arabic as stored (titles, paragraphs, summaries, group titles, topics), keys in one order.
    const utf8 = (x: unknown) => Buffer.from(canonicalJson(x), 'utf8');
    assert.equal(Buffer.compare(utf8(after.articles), utf8(before.articles)), 0);
    assert.ok(after.articles.some((a) => a.title.includes('المعادن النادرة')));
    assert.equal(after.chats.find((c) => c.chatId === -1001)?.title, 'مجموعة الأخبار العاجلة');
  });

  it('refuses to import into a database that holds data unless --replace, and then replaces it', async () => {
    const dir = await tempDir();
    const { url } = await freshDatabase();
    await seededDataDir(join(dir, 'lowdb'));
    assert.equal((await runCli('src/cli/import.ts', ['--data-dir', join(dir, 'lowdb')], { env: { DATABASE_URL: url } })).code, 0);
    const again = await runCli('src/cli/import.ts', ['--data-dir', join(dir, 'lowdb')], { env: { DATABASE_URL: url } });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already holds data \(articles: 11, chats: 3, conversations: 1, feed list: 2, feed state: 2\): nothing was copied\. Use --replace/);
    assert.doesNotMatch(again.stdout, /complete/);
    const replaced = await runCli('src/cli/import.ts', ['--data-dir', join(dir, 'lowdb'), '--replace', '--json'], { env: { DATABASE_URL: url } });
    assert.equal(replaced.code, 0, replaced.stderr);
    const { source, destination } = JSON.parse(replaced.stdout) as { source: unknown; destination: unknown };
    assert.deepEqual(destination, source);
  });

  it('refuses to export into a DATA_DIR that holds data', async () => {
    const dir = await tempDir();
    const { url } = await freshDatabase();
    await seededDataDir(join(dir, 'lowdb'));
    const refused = await runCli('src/cli/export.ts', ['--data-dir', join(dir, 'lowdb')], { env: { DATABASE_URL: url } });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /lowdb already holds data/);
  });

  it('says DATABASE_URL is needed when it is not set', async () => {
    const dir = await tempDir();
    const result = await runCli('src/cli/import.ts', ['--data-dir', dir], { env: { DATABASE_URL: '' } });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /DATABASE_URL is not set/);
  });
});
