// The real start-up (npm start's entry point) on a DATA_DIR with one damaged file per store: it
// refuses in one line naming the file, exits non-zero, and changes nothing in DATA_DIR.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DAMAGES, type DataFileKind, snapshotTree, writeDataDir } from '../helpers/data-files.ts';
import { runCli } from '../helpers/run-cli.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';
import { dirname } from 'node:path';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';

const CASES: [DataFileKind, keyof typeof DAMAGES][] = [
  ['chats', 'truncated'],
  ['conversations', 'a future version'],
  ['articles shard', 'empty'],
  ['article bodies shard', 'a directory'],
  ['search index', 'truncated'],
];

describe('start-up on corrupt and foreign files', () => {
  for (const [kind, damage] of CASES) {
    it(`refuses the ${kind} file when it is ${damage}, in one line naming it, and leaves DATA_DIR untouched`, async () => {
      const dataDir = join(await tempDir(), 'data');
      const path = (await writeDataDir(dataDir))[kind];
      await DAMAGES[damage]?.apply(path);
      const before = await snapshotTree(dataDir);
      const { code, stdout, stderr } = await runCli('src/main.ts', [], {
        env: {
          BOT_TOKEN: '123456789:foreign-file-token-aaaaaaaa',
          // Nothing listens there: start-up must stop before it talks to Telegram.
          BOT_API_ROOT: 'http://127.0.0.1:9',
          DATA_DIR: dataDir,
          SEEDS_DIR: dirname(SEED_FILE),
          LOG_LEVEL: 'info',
        },
      });
      assert.notEqual(code, 0);
      const naming = `${stdout}\n${stderr}`.split('\n').filter((line) => line.includes(path));
      assert.equal(naming.length, 1, `one line names the file:\n${stdout}${stderr}`);
      assert.match(naming[0] as string, /cannot start/);
      assert.match(naming[0] as string, DAMAGES[damage]?.problem as RegExp);
      assert.deepEqual(await snapshotTree(dataDir), before);
    });
  }
});

describe('start-up on a body file damaged inside', () => {
  it('stops in one line naming it when the search index must be built from it, and leaves the articles untouched', async () => {
    const dataDir = join(await tempDir(), 'data');
    const paths = await writeDataDir(dataDir);
    const path = paths['article bodies shard'];
    // Both ends intact (all start-up reads of a body file); a control character in the middle.
    const bytes = await readFile(path);
    bytes[Math.floor(bytes.length / 2)] = 1;
    await writeFile(path, bytes);
    await rm(paths['search index']);
    // The articles and the index are compared: the bot ran, so its digest markers moved on.
    const articles = async () => [...(await snapshotTree(dataDir))].filter(([file]) => file.startsWith('articles') || file.includes('search-index'));
    const before = await articles();
    // A Telegram that answers: the bot starts, and only the index build finds the damage.
    const running = await startEmulatorServer(new TelegramEmulator());
    try {
      const { code, stdout, stderr } = await runCli('src/main.ts', [], {
        env: { BOT_TOKEN: '123456789:foreign-file-token-aaaaaaaa', BOT_API_ROOT: running.apiRoot, DATA_DIR: dataDir, SEEDS_DIR: dirname(SEED_FILE), LOG_LEVEL: 'silent' },
        timeoutMs: 30_000,
      });
      assert.equal(code, 1, `stopped by itself:\n${stdout}${stderr}`);
      const naming = `${stdout}\n${stderr}`.split('\n').filter((line) => line.includes(path));
      assert.equal(naming.length, 1, `one line names the file:\n${stdout}${stderr}`);
      assert.match(naming[0] as string, /cannot start: .*not valid JSON.*untouched/);
    } finally {
      await running.close();
    }
    assert.deepEqual(await articles(), before);
  });
});
