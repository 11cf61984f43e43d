import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Subscription } from '../../src/domain.ts';
import { mergeArticle } from '../../src/ingest/merge.ts';
import { Library } from '../../src/library.ts';
import { INDEX_FILE } from '../../src/search/build-index.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { ChatRepository, CHATS_FILE } from '../../src/store/chat-repository.ts';
import { ConversationStorage, CONVERSATIONS_FILE } from '../../src/store/conversation-storage.ts';
import { GroupCommit, StoreWriteError } from '../../src/store/durable-write.ts';
import { metaShardPath } from '../../src/store/shards.ts';
import { storedArticle as article } from '../helpers/articles.ts';
import { captureLogs } from '../helpers/log-capture.ts';
import { tempDir } from '../helpers/tmp.ts';

const sub: Subscription = { time: '08:00', timeZone: 'Asia/Riyadh', topics: [], size: 5, createdAt: '2026-06-01T00:00:00.000Z', updatedAt: '2026-06-01T00:00:00.000Z' };
const NOW = '2026-06-01T09:00:00.000Z';
const FAST = { retryDelaysMs: [0] };

/**
 * lowdb writes through steno: `.<name>.tmp`, then a rename. A folder in the temporary file's
 * place makes every write of that file fail (EISDIR) until it is removed: a real failed write,
 * not a mocked one, and one that root cannot bypass as it bypasses permissions.
 */
async function breakWrites(file: string) {
  const dir = join(file, '..', `.${file.split('/').pop()}.tmp`);
  await mkdir(dir, { recursive: true });
  return () => rm(dir, { recursive: true, force: true });
}

describe('a failed write', () => {
  it('rejects only its own callers in the chats file; later changes and flush reach disk', async () => {
    const dir = await tempDir();
    const { lines, logger } = captureLogs();
    const chats = await ChatRepository.open(dir, { logger, ...FAST });
    const repair = await breakWrites(join(dir, CHATS_FILE));
    await assert.rejects(chats.subscribe(1, sub, { type: 'private' }, NOW), StoreWriteError);
    assert.ok(lines.some((l) => l.msg === 'data file write failed; retrying'), 'the failure is logged');
    assert.ok(lines.some((l) => l.level === 50 && l.file === join(dir, CHATS_FILE)), 'the final failure is logged as an error naming the file');
    await repair();
    await chats.subscribe(2, sub, { type: 'private' }, NOW);
    await chats.flush();
    const reopened = await ChatRepository.open(dir);
    assert.deepEqual(reopened.all().map((c) => c.chatId).sort(), [1, 2], 'the failed change went out with the next write');
  });

  it('in the chats file is written again by flush when nothing else changes', async () => {
    const dir = await tempDir();
    const chats = await ChatRepository.open(dir, FAST);
    const repair = await breakWrites(join(dir, CHATS_FILE));
    await assert.rejects(chats.subscribe(1, sub, { type: 'private' }, NOW));
    await assert.rejects(chats.flush(), StoreWriteError, 'flush says the change is not on disk');
    await repair();
    await chats.flush();
    assert.equal((await ChatRepository.open(dir)).get(1)?.subscription?.time, '08:00');
  });

  it('never blocks later conversation state writes', async () => {
    const dir = await tempDir();
    const storage = await ConversationStorage.open<unknown>(dir, FAST);
    const repair = await breakWrites(join(dir, CONVERSATIONS_FILE));
    await assert.rejects(storage.write('a', { version: [0, 0], state: { subscribe: [{ answer: 'أ' }] } }));
    await repair();
    await storage.write('b', { version: [0, 0], state: { subscribe: [{ answer: 'ب' }] } });
    const reopened = await ConversationStorage.open<unknown>(dir);
    assert.ok(reopened.read('a') && reopened.read('b'));
  });

  it('leaves an article shard queued: the next batch or flush writes it', async () => {
    const dir = await tempDir();
    const repo = await ArticleRepository.open(dir, FAST);
    await repo.upsertMany([article(0)], mergeArticle);
    const repair = await breakWrites(metaShardPath(dir, '2026-03-01'));
    await assert.rejects(repo.upsertMany([article(1)], mergeArticle), StoreWriteError);
    await repair();
    await repo.flush();
    const reopened = await ArticleRepository.open(dir);
    assert.equal(reopened.byId('id1')?.title, 'عنوان 1');
    assert.deepEqual((await reopened.get('id1'))?.paragraphs, ['فقرة 1']);
  });

  it('of the search index does not stop the next one', async () => {
    const dir = await tempDir();
    const { logger } = captureLogs();
    const library = Library.open(await ArticleRepository.open(dir), dir, logger);
    await library.ready();
    const blocker = join(dir, `${INDEX_FILE}.tmp`);
    await mkdir(blocker, { recursive: true });
    await assert.rejects(library.persistNow());
    await rm(blocker, { recursive: true });
    await library.persistNow();
    assert.ok((await readFile(join(dir, INDEX_FILE))).length > 0);
  });

  it('retries a passing ENOSPC and succeeds without troubling the caller', async () => {
    let failures = 2;
    const disk: string[] = [];
    const commit = new GroupCommit(async () => {
      if (failures-- > 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      disk.push('written');
    }, 'x.json', { retryDelaysMs: [0, 0, 0] });
    await commit.request();
    assert.deepEqual(disk, ['written']);
  });
});

// A real full disk needs a small tmpfs: root (as in CI) can mount one; others skip this variant.
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('a full disk', { skip: canMount ? false : 'needs root and mount(8) for a tmpfs: the injected ENOSPC test above covers the logic' }, () => {
  it('fails the writes while full, loses nothing acknowledged, and writes again once space is freed', async () => {
    const dir = await tempDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir]);
    try {
      await fillAndFree(dir);
    } finally {
      execFileSync('umount', [dir]);
    }
  });
});

async function fillAndFree(dir: string) {
  const chats = await ChatRepository.open(dir, FAST);
  await chats.subscribe(1, sub, { type: 'private' }, NOW);
  const filler = join(dir, 'filler');
  await writeFile(filler, Buffer.alloc(512 * 1024)).catch((error: NodeJS.ErrnoException) => assert.equal(error.code, 'ENOSPC'));
  const failed = await chats.subscribe(2, sub, { type: 'private' }, NOW).catch((error: unknown) => error);
  assert.ok(failed instanceof StoreWriteError);
  assert.equal((failed.cause as NodeJS.ErrnoException).code, 'ENOSPC');
  assert.deepEqual((await ChatRepository.open(dir)).all().map((c) => c.chatId), [1], 'the acknowledged subscription is intact');
  await rm(filler);
  await chats.subscribe(3, sub, { type: 'private' }, NOW);
  assert.deepEqual((await ChatRepository.open(dir)).all().map((c) => c.chatId).sort(), [1, 2, 3]);
}
