// The command menus through the emulator: operators see /stats, /reload and /feeds in their own
// private chat; everyone else sees the readers' list only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMANDS, OPERATOR_COMMANDS } from '../../src/bot/messages.ts';
import { startHarness } from '../helpers/bot-harness.ts';

const OPERATOR = 42;
const ABSENT_OPERATOR = 43;
const h = await startHarness({ deps: () => ({ adminIds: [OPERATOR, ABSENT_OPERATOR] }) });
const { emulator } = h;
const names = (list: readonly { command: string }[]) => list.map((c) => c.command);

describe('command menus', () => {
  it("adds the operators' commands in each operator's private chat, and only there", async () => {
    // The operator has written to the bot before this start, so Telegram knows their chat.
    emulator.privateChat(emulator.user(OPERATOR, 'مشغّل'));
    const reader = emulator.privateChat(emulator.user(7, 'قارئ'));
    await h.restart();
    const scope = { type: 'chat', chat_id: OPERATOR } as const;
    const operatorMenu = await emulator.waitFor(() => emulator.commands(scope).length > 0 && emulator.commands(scope), 10_000, "the operator's menu");
    assert.deepEqual(names(operatorMenu), [...names(COMMANDS), ...names(OPERATOR_COMMANDS)]);
    assert.deepEqual(names(await h.bot.api.getMyCommands({ scope })), names(operatorMenu), 'getMyCommands answers the scoped list over HTTP');

    const everyone = names(await h.bot.api.getMyCommands());
    assert.deepEqual(everyone, names(COMMANDS));
    for (const command of ['stats', 'reload', 'feeds']) assert.ok(!everyone.includes(command), `/${command} is not in the readers' menu`);
    assert.deepEqual(await h.bot.api.getMyCommands({ scope: { type: 'chat', chat_id: reader.id } }), [], "a reader's chat has no list of its own");
  });

  it('an operator who never opened a chat with the bot is refused by Telegram; the bot goes on', async () => {
    await assert.rejects(h.bot.api.getMyCommands({ scope: { type: 'chat', chat_id: ABSENT_OPERATOR } }), /chat not found/);
    const reader = emulator.privateChat(emulator.user(8, 'قارئة'));
    assert.match((await h.say(emulator.user(8), reader, '/start')).message.text ?? '', /خلاصة/);
  });
});

describe('the emulator keeps one list per scope and language', () => {
  it('sets and reads lists by scope and language_code, and refuses an unknown scope', async () => {
    const api = h.bot.api;
    await api.setMyCommands([{ command: 'help', description: 'مساعدة' }], { scope: { type: 'all_group_chats' } });
    await api.setMyCommands([{ command: 'help', description: 'Help' }], { scope: { type: 'all_group_chats' }, language_code: 'en' });
    assert.equal((await api.getMyCommands({ scope: { type: 'all_group_chats' } }))[0]?.description, 'مساعدة');
    assert.equal((await api.getMyCommands({ scope: { type: 'all_group_chats' }, language_code: 'en' }))[0]?.description, 'Help');
    assert.deepEqual(names(await api.getMyCommands()), names(COMMANDS), 'the default list is untouched');
    await assert.rejects(api.raw.getMyCommands({ scope: { type: 'everywhere' } as never }), /unsupported bot command scope/);
  });
});
