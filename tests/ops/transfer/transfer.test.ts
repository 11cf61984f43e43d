import assert from 'node:assert/strict';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Article } from '../../../src/domain.ts';
import { lowdbBackend } from '../../../src/ops/transfer/lowdb-backend.ts';
import type { Backend } from '../../../src/ops/transfer/store-set.ts';
import { canonicalJson, STORE_NAMES, summarize } from '../../../src/ops/transfer/summary.ts';
import { DestinationNotEmptyError, transfer } from '../../../src/ops/transfer/transfer.ts';
import { CONVERSATION, seededDataDir } from '../../helpers/seeded-data-dir.ts';
import { tempDir } from '../../helpers/tmp.ts';

async function articlesIn(backend: Backend): Promise<Map<string, Article>> {
  const set = await backend.open();
  try {
    const all = new Map<string, Article>();
    for await (const a of set.articles.articlesWithBodies()) all.set(a.id, a);
    return all;
  } finally {
    await set.close();
  }
}

/** A lowdb backend whose chats store drops every write to one chat: a destination that loses data. */
function losingChat(inner: Backend, chatId: number): Backend {
  return {
    ...inner,
    async open() {
      const set = await inner.open();
      const update = set.chats.update.bind(set.chats);
      set.chats.update = (id, change, create) => (id === chatId ? Promise.resolve(undefined) : update(id, change, create));
      return set;
    },
  };
}

describe('transfer between backends (lowdb to lowdb: the part every backend shares)', () => {
  it('copies every store: equal counts and checksums, Arabic text identical to the byte', async () => {
    const dir = await tempDir();
    await seededDataDir(join(dir, 'a'));
    const report = await transfer(lowdbBackend(join(dir, 'a')), lowdbBackend(join(dir, 'b')));
    assert.deepEqual(report.mismatched, []);
    assert.deepEqual(report.destination, report.source);
    assert.deepEqual(Object.fromEntries(STORE_NAMES.map((n) => [n, report.source[n].count])), { articles: 11, chats: 3, conversations: 1, feedList: 2, feedState: 2 });
    const [before, after] = [await articlesIn(lowdbBackend(join(dir, 'a'))), await articlesIn(lowdbBackend(join(dir, 'b')))];
    for (const [id, article] of before) assert.equal(Buffer.compare(Buffer.from(canonicalJson(after.get(id))), Buffer.from(canonicalJson(article))), 0, id);
    assert.ok([...after.values()].some((a) => a.paragraphs.some((p) => p.includes('المعادن النادرة'))));
    const copied = await lowdbBackend(join(dir, 'b')).open();
    assert.deepEqual(await copied.conversations.read('7'), CONVERSATION);
    assert.equal(copied.chats.get(-1001)?.title, 'مجموعة الأخبار العاجلة');
    assert.deepEqual(copied.feedList.all().map((f) => f.url), ['https://news.example/ar/rss', 'https://b.example/feed.json'], 'the list keeps its order');
    await copied.close();
  });

  it('refuses a destination that holds anything, and leaves it as it was', async () => {
    const dir = await tempDir();
    await seededDataDir(join(dir, 'a'));
    await seededDataDir(join(dir, 'b'));
    const set = await lowdbBackend(join(dir, 'b')).open();
    await set.chats.subscribe(99, { time: '08:00', timeZone: 'Africa/Cairo', topics: [], size: 3, createdAt: '2026-06-01T00:00:00.000Z', updatedAt: '2026-06-01T00:00:00.000Z' }, { type: 'private' }, '2026-06-01T00:00:00.000Z');
    await set.close();
    const before = await lowdbBackend(join(dir, 'b')).open();
    const held = await summarize(before);
    await before.close();
    await assert.rejects(transfer(lowdbBackend(join(dir, 'a')), lowdbBackend(join(dir, 'b'))), (e: unknown) => e instanceof DestinationNotEmptyError && /already holds data \(articles: 11, chats: 4, conversations: 1, feed list: 2, feed state: 2\)/.test(e.message));
    const after = await lowdbBackend(join(dir, 'b')).open();
    assert.deepEqual(await summarize(after), held);
    await after.close();
  });

  it('with replace, empties the destination first: what it held and the source lacks is gone', async () => {
    const dir = await tempDir();
    await seededDataDir(join(dir, 'a'));
    const other = await lowdbBackend(join(dir, 'b')).open();
    await other.chats.subscribe(99, { time: '08:00', timeZone: 'Africa/Cairo', topics: [], size: 3, createdAt: '2026-06-01T00:00:00.000Z', updatedAt: '2026-06-01T00:00:00.000Z' }, { type: 'private' }, '2026-06-01T00:00:00.000Z');
    await other.close();
    const report = await transfer(lowdbBackend(join(dir, 'a')), lowdbBackend(join(dir, 'b')), { replace: true });
    assert.deepEqual(report.mismatched, []);
    const copied = await lowdbBackend(join(dir, 'b')).open();
    assert.equal(copied.chats.get(99), undefined);
    await copied.close();
    assert.ok(!(await readdir(join(dir, 'b'))).includes('.lock'), 'the lock is released');
  });

  it('reports the store that differs when the destination lost a record', async () => {
    const dir = await tempDir();
    await seededDataDir(join(dir, 'a'));
    const report = await transfer(lowdbBackend(join(dir, 'a')), losingChat(lowdbBackend(join(dir, 'b')), -1001));
    assert.deepEqual(report.mismatched, ['chats']);
    assert.equal(report.destination.chats.count, 2);
    assert.notEqual(report.destination.chats.checksum, report.source.chats.checksum);
  });

  it('refuses a DATA_DIR a running bot holds', async () => {
    const dir = await tempDir();
    await seededDataDir(join(dir, 'a'));
    // The lock names a live process: this test's own parent stands in for the bot.
    const held = join(dir, 'b');
    await mkdir(held, { recursive: true });
    await writeFile(join(held, '.lock'), JSON.stringify({ pid: process.ppid, role: 'bot', since: '2026-06-01T00:00:00.000Z' }));
    await assert.rejects(transfer(lowdbBackend(join(dir, 'a')), lowdbBackend(held)), /is in use by a running Khulasa bot/);
  });
});
