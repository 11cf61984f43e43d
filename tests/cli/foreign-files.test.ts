// The real start-up (npm start's entry point) on a DATA_DIR with one damaged file per store: it
// refuses in one line naming the file, exits non-zero, and changes nothing in DATA_DIR.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DAMAGES, type DataFileKind, snapshotTree, writeDataDir } from '../helpers/data-files.ts';
import { runCli } from '../helpers/run-cli.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';
import { dirname } from 'node:path';

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
