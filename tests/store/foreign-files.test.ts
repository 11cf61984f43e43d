// Corrupt and foreign files, every data file: opening refuses with one line naming the file, and
// nothing in DATA_DIR changes (compared byte for byte).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkIndexFile } from '../../src/search/build-index.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { ChatRepository } from '../../src/store/chat-repository.ts';
import { ConversationStorage } from '../../src/store/conversation-storage.ts';
import { StoreError } from '../../src/store/errors.ts';
import { DAMAGES, type DataFileKind, snapshotTree, writeDataDir } from '../helpers/data-files.ts';
import { tempDir } from '../helpers/tmp.ts';

const OPEN: Record<DataFileKind, (dataDir: string) => Promise<unknown>> = {
  chats: ChatRepository.open,
  conversations: ConversationStorage.open,
  'articles shard': ArticleRepository.open,
  'article bodies shard': ArticleRepository.open,
  'search index': checkIndexFile,
};

describe('corrupt and foreign data files', () => {
  for (const kind of Object.keys(OPEN) as DataFileKind[]) {
    for (const [damage, { problem, apply }] of Object.entries(DAMAGES)) {
      it(`${kind}, ${damage}: refused in one line naming the file, left untouched`, async () => {
        const dataDir = join(await tempDir(), 'data');
        const path = (await writeDataDir(dataDir))[kind];
        await OPEN[kind](dataDir); // Sound before the damage.
        await apply(path);
        const before = await snapshotTree(dataDir);
        await assert.rejects(OPEN[kind](dataDir), (e: unknown) => {
          assert.ok(e instanceof StoreError, `a StoreError, not ${String(e)}`);
          assert.equal(e.file, path);
          assert.ok(e.message.startsWith(`${path}: `), e.message);
          assert.doesNotMatch(e.message, /\n/, 'one line');
          assert.match(e.message, problem);
          assert.match(e.message, /untouched/);
          return true;
        });
        assert.deepEqual(await snapshotTree(dataDir), before);
      });
    }
  }
});
