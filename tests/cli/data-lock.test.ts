import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { LOCK_FILE } from '../../src/store/data-lock.ts';
import { spawnBot } from '../helpers/bot-process.ts';
import { runCli } from '../helpers/run-cli.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';

async function folders() {
  const dir = await tempDir();
  const dataDir = join(dir, 'data');
  const seedsDir = join(dir, 'seeds');
  await mkdir(dataDir, { recursive: true });
  await mkdir(seedsDir, { recursive: true });
  return { dataDir, seedsDir };
}

/** A pid that no process has any more: a holder killed without releasing its lock. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());
}

const lockOf = (pid: number, role: string) => JSON.stringify({ pid, role, since: '2026-11-27T08:00:00.000Z' });

describe('one writer per DATA_DIR', () => {
  it('hands the pages of `npm run ingest` to the running bot, which stores them', async () => {
    const { dataDir, seedsDir } = await folders();
    const emulator = new TelegramEmulator();
    const running = await startEmulatorServer(emulator);
    after(() => running.close());
    const bot = spawnBot({ BOT_API_ROOT: running.apiRoot, DATA_DIR: dataDir, SEEDS_DIR: seedsDir });
    await bot.waitFor('bot is polling for updates', 'the bot to poll');
    const cli = await runCli('src/cli/ingest.ts', [SEED_FILE], { env: { DATA_DIR: dataDir, SEEDS_DIR: join(seedsDir, '..', 'elsewhere') } });
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /The bot \(pid \d+\) is running on this DATA_DIR/);
    assert.match(cli.stdout, /copied into .*seeds: 1 {2}already there: 0/, 'the seeds folder comes from the lock, not the CLI environment');
    await bot.waitFor(/"new":11/, 'the bot to ingest the handed page');
    bot.child.kill('SIGTERM');
    assert.equal(await bot.exited(), 0);
    assert.equal((await ArticleRepository.open(dataDir)).size, 11, 'the pages are in the store after the bot stopped');
  });

  it('refuses with a clear message while another ingest holds the folder, and writes nothing', async () => {
    const { dataDir } = await folders();
    await writeFile(join(dataDir, LOCK_FILE), lockOf(process.pid, 'ingest'));
    const cli = await runCli('src/cli/ingest.ts', [SEED_FILE], { env: { DATA_DIR: dataDir } });
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, new RegExp(`in use by a running \`npm run ingest\` \\(pid ${process.pid}.*Nothing was ingested`));
    assert.deepEqual(await readdir(dataDir), [LOCK_FILE]);
  });

  it('takes over a lock whose process is gone, and releases its own', async () => {
    const { dataDir } = await folders();
    await writeFile(join(dataDir, LOCK_FILE), lockOf(deadPid(), 'bot'));
    const cli = await runCli('src/cli/ingest.ts', [SEED_FILE], { env: { DATA_DIR: dataDir } });
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /new: 11/);
    assert.ok(!(await readdir(dataDir)).includes(LOCK_FILE));
  });

  it('keeps a second bot from starting on the same folder', async () => {
    const { dataDir, seedsDir } = await folders();
    await writeFile(join(dataDir, LOCK_FILE), lockOf(process.pid, 'bot'));
    const bot = spawnBot({ BOT_API_ROOT: 'http://127.0.0.1:9', DATA_DIR: dataDir, SEEDS_DIR: seedsDir });
    assert.equal(await bot.exited(), 1);
    assert.match(bot.output(), /Khulasa cannot start: .*data is in use by a running Khulasa bot \(pid \d+/);
  });
});
