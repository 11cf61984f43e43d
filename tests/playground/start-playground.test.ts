import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createShutdown } from '../../src/shutdown.ts';
import { tempDir } from '../helpers/tmp.ts';
import { PLAYGROUND_TOKEN, PlaygroundStartError, withPlayground } from '../../src/playground/start-playground.ts';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

describe('withPlayground', () => {
  it('with a token changes nothing and starts nothing', async () => {
    const config = parseConfig({ BOT_TOKEN: TOKEN, DATA_DIR: '/srv/khulasa' });
    const { config: used, playground } = await withPlayground(config);
    assert.equal(playground, undefined);
    assert.deepEqual(used, config);
  });

  it('without a token points the bot at the playground, with a token only the emulator accepts', async () => {
    const { config, playground } = await withPlayground(parseConfig({ PLAYGROUND_PORT: '0', DATA_DIR: '/srv/khulasa' }));
    try {
      assert.ok(playground);
      assert.equal(config.BOT_TOKEN, PLAYGROUND_TOKEN);
      assert.equal(config.BOT_API_ROOT, playground.url);
      assert.equal(config.DATA_DIR, '/srv/khulasa', "the operator's DATA_DIR is used as configured");
      assert.match(playground.banner, /^Khulasa playground/);
      assert.match(playground.banner, /Data: \/srv\/khulasa \(DATA_DIR\)/);
    } finally {
      await playground?.close();
    }
  });

  it("resets only the chats with the operator's DATA_DIR: the bot keeps running and no file is deleted", async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, 'chats.json'), '{"keep":true}');
    const { playground } = await withPlayground(parseConfig({ PLAYGROUND_PORT: '0', DATA_DIR: dataDir }));
    assert.ok(playground);
    const shutdown = createShutdown(createLogger({ level: 'silent' }), () => undefined);
    let starts = 0;
    try {
      await playground.runBot(async () => (starts++, { ingest: async () => ({ pages: 0, new: 0, updated: 0, unchanged: 0, rejected: [], changedIds: [] }) }), shutdown, createLogger({ level: 'silent' }));
      const res = await fetch(`${playground.url}/api/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(res.status, 200);
      assert.equal(starts, 1, 'the bot is not restarted');
      assert.equal(await readFile(join(dataDir, 'chats.json'), 'utf8'), '{"keep":true}');
      const state = (await (await fetch(`${playground.url}/api/state`)).json()) as { resetsData: boolean };
      assert.equal(state.resetsData, false, 'the page tells the reader that stored news stay');
    } finally {
      await playground.close();
    }
  });

  it('says which setting to change when the port is taken', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      await assert.rejects(withPlayground(parseConfig({ PLAYGROUND_PORT: String(port) })), (e: unknown) => e instanceof PlaygroundStartError && /port \d+ on 127\.0\.0\.1 is in use: set PLAYGROUND_PORT/.test(e.message));
    } finally {
      busy.close();
    }
  });
});
