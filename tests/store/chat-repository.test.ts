import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ChatRepository, CHATS_FILE } from '../../src/store/chat-repository.ts';
import { tempDir } from '../helpers/tmp.ts';

// What every ChatStore does is in contract/chats.contract.ts; here, what only the lowdb file does.
describe('ChatRepository', () => {
  it('refuses a corrupt chats file and leaves it untouched', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, CHATS_FILE), '{"version":1,"chats":');
    await assert.rejects(ChatRepository.open(dir), /chats\.json.*untouched/);
    assert.equal(await readFile(join(dir, CHATS_FILE), 'utf8'), '{"version":1,"chats":');
  });

  describe('refuses a subscription the digest schedule could not read (it would stop every chat\'s digests), naming the chat', () => {
    const sound = { time: '08:00', timeZone: 'Asia/Riyadh', topics: ['الاقتصاد'], size: 5, createdAt: '2026-06-07T08:00:00.000Z', updatedAt: '2026-06-07T08:00:00.000Z' };
    const damaged: [string, unknown, RegExp][] = [
      ['text', 'كل يوم', /not an object/],
      ['no time zone', { ...sound, timeZone: undefined }, /"timeZone" undefined/],
      ['a time that is not HH:MM', { ...sound, time: '٨ صباحاً' }, /"time" "٨ صباحاً" is not HH:MM/],
      ['topics that are not a list', { ...sound, topics: 'الاقتصاد' }, /"topics"/],
      ['no size', { ...sound, size: '٥' }, /"size"/],
    ];
    for (const [name, subscription, problem] of damaged) {
      it(name, async () => {
        const dir = await tempDir();
        const text = JSON.stringify({ version: 1, chats: { '5': { chatId: 5, type: 'private', subscription: sound }, '-100': { chatId: -100, type: 'group', subscription } } });
        await writeFile(join(dir, CHATS_FILE), text);
        await assert.rejects(ChatRepository.open(dir), (e: Error) => {
          assert.match(e.message, /chats\.json: .*chat "-100" has a damaged subscription/);
          assert.match(e.message, problem);
          assert.match(e.message, /untouched/);
          return true;
        });
        assert.equal(await readFile(join(dir, CHATS_FILE), 'utf8'), text);
      });
    }

    it('opens a sound one, and a chat without a subscription', async () => {
      const dir = await tempDir();
      await writeFile(join(dir, CHATS_FILE), JSON.stringify({ version: 1, chats: { '5': { chatId: 5, type: 'private', subscription: sound }, '6': { chatId: 6, type: 'private' } } }));
      assert.equal((await ChatRepository.open(dir)).get(5)?.subscription?.timeZone, 'Asia/Riyadh');
    });

    it('opens one whose time zone this runtime does not know (the schedule skips that chat and says so)', async () => {
      const dir = await tempDir();
      await writeFile(join(dir, CHATS_FILE), JSON.stringify({ version: 1, chats: { '5': { chatId: 5, type: 'private', subscription: { ...sound, timeZone: 'Mars/Olympus' } } } }));
      assert.equal((await ChatRepository.open(dir)).get(5)?.subscription?.timeZone, 'Mars/Olympus');
    });
  });
});
