import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { VersionedState } from '@grammyjs/conversations';
import { CONVERSATIONS_FILE, ConversationStorage, STALE_STATE_MS } from '../../src/store/conversation-storage.ts';
import { StoreError } from '../../src/store/errors.ts';
import { tempDir } from '../helpers/tmp.ts';

const state = (step: number): VersionedState<unknown> => ({ version: [0, 1], state: { subscribe: [{ step }] } });
const onDisk = async (dir: string) => JSON.parse(await readFile(join(dir, CONVERSATIONS_FILE), 'utf8')) as { states: Record<string, unknown>; savedAt: Record<string, number> };

// What every ConversationStore does is in contract/conversations.contract.ts; here, the file.
describe('ConversationStorage', () => {
  it('removes pruned states from the file itself, with their savedAt', async () => {
    const dir = await tempDir();
    let now = 1_000_000;
    const storage = await ConversationStorage.open<unknown>(dir, { clock: () => now });
    await storage.write('-100', state(1));
    now += STALE_STATE_MS / 2;
    await storage.write('42', state(2));
    now += STALE_STATE_MS / 2 + 1;
    await storage.write('7', state(3));
    assert.deepEqual(Object.keys((await onDisk(dir)).states).sort(), ['42', '7']);
    assert.deepEqual(Object.keys((await onDisk(dir)).savedAt).sort(), ['42', '7']);
  });

  it('prunes at start-up, and gives states from older files (no savedAt) the full grace', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, CONVERSATIONS_FILE), JSON.stringify({ version: 1, states: { '5': state(1) } }));
    let now = 5_000_000;
    await ConversationStorage.open<unknown>(dir, { clock: () => now });
    assert.deepEqual(Object.keys((await onDisk(dir)).states), ['5']);
    now += STALE_STATE_MS + 1;
    const reopened = await ConversationStorage.open<unknown>(dir, { clock: () => now });
    assert.equal(reopened.read('5'), undefined);
    assert.deepEqual((await onDisk(dir)).states, {});
  });

  describe('refuses a file with a damaged state, naming the chat, and leaves it untouched', () => {
    const damaged: [string, unknown][] = [
      ['text', 'x'],
      ['null', null],
      ['no version', { state: { subscribe: [] } }],
      ['a state that is text', { version: [0, 1], state: 'garbage' }],
      ['a conversation that is not a list', { version: [0, 1], state: { subscribe: { step: 1 } } }],
    ];
    for (const [name, entry] of damaged) {
      it(name, async () => {
        const dir = await tempDir();
        const path = join(dir, CONVERSATIONS_FILE);
        const text = JSON.stringify({ version: 1, states: { '5': state(1), '-1007': entry } });
        await writeFile(path, text);
        await assert.rejects(ConversationStorage.open<unknown>(dir), (e: unknown) => {
          assert.ok(e instanceof StoreError);
          assert.match(e.message, /^.*conversations\.json: .*chat "-1007".*untouched/);
          return true;
        });
        assert.equal(await readFile(path, 'utf8'), text);
      });
    }
  });

  it('forgets a finished conversation entirely', async () => {
    const dir = await tempDir();
    const storage = await ConversationStorage.open<unknown>(dir);
    await storage.write('9', state(1));
    await storage.delete('9');
    assert.deepEqual(await onDisk(dir), { version: 1, states: {}, savedAt: {} });
  });
});
