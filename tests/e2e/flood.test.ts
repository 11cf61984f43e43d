import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { USER_BURST } from '../../src/bot/create-bot.ts';
import { startHarness } from '../helpers/bot-harness.ts';

const h = await startHarness();
const { emulator } = h;

describe('per-user flood protection (default limits)', () => {
  it('slows down one flooding user without affecting another', async () => {
    const flooder = emulator.user(99, 'مستعجل');
    const flooderChat = emulator.privateChat(flooder);
    for (let i = 0; i < 30; i++) emulator.sendText(flooder, flooderChat, 'اليابان');
    await emulator.waitFor(() => emulator.botMessages(flooderChat.id).some((m) => /مهلاً/.test(m.message.text ?? '')), 10_000, 'slow-down notice');
    const other = emulator.user(100, 'هادئ');
    const otherChat = emulator.privateChat(other);
    const reply = await h.say(other, otherChat, 'اليابان');
    assert.match(reply.message.text ?? '', /نتائج البحث/);
    await new Promise((r) => setTimeout(r, 300));
    const answered = emulator.botMessages(flooderChat.id).filter((m) => /نتائج البحث/.test(m.message.text ?? '')).length;
    assert.ok(answered <= USER_BURST && answered >= 1, `${answered} of 30 answered`);
  });
});
