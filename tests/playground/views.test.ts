import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredMessage } from '../../src/emulator/types.ts';
import { messageView } from '../../src/playground/views.ts';

const chat = { id: 7, type: 'private' as const, first_name: 'سارة' };
const bot = { id: 1, is_bot: true, first_name: 'خلاصة', username: 'khulasa_bot' };
const sara = { id: 7, is_bot: false, first_name: 'سارة' };

describe('messageView', () => {
  it('keeps text and formatting entities, never the HTML source', () => {
    const stored: StoredMessage = {
      message: { message_id: 3, date: 100, chat, from: bot, text: 'عاجل <b>', entities: [{ type: 'bold', offset: 0, length: 4 }] },
      fromBot: true, source: '<b>عاجل</b> &lt;b&gt;', parseMode: 'HTML', edits: [], deleted: false,
    };
    const view = messageView(stored);
    assert.equal(view.text, 'عاجل <b>');
    assert.deepEqual(view.entities, [{ type: 'bold', offset: 0, length: 4 }]);
    assert.ok(!JSON.stringify(view).includes('&lt;'), 'no HTML source reaches the page');
    assert.deepEqual(view.from, { id: 1, name: 'خلاصة', isBot: true });
  });

  it('turns an inline keyboard into callback, URL and inline-query buttons', () => {
    const stored: StoredMessage = {
      message: {
        message_id: 4, date: 100, chat, from: bot, text: 'بطاقة',
        reply_markup: { inline_keyboard: [[{ text: 'النص', callback_data: '1:f:a' }, { text: 'المصدر', url: 'https://example.com/a' }], [{ text: 'شارك', switch_inline_query_current_chat: 'اليابان' }]] },
      },
      fromBot: true, edits: [{ text: 'قديم' }], deleted: false,
    };
    const view = messageView(stored);
    assert.deepEqual(view.buttons, [
      [{ text: 'النص', kind: 'callback', data: '1:f:a' }, { text: 'المصدر', kind: 'url', url: 'https://example.com/a' }],
      [{ text: 'شارك', kind: 'inline', query: 'اليابان', here: true }],
    ]);
    assert.equal(view.edited, true);
  });

  it('marks force_reply, replies and messages sent via the bot; drops command and mention entities', () => {
    const asked: StoredMessage = { message: { message_id: 5, date: 100, chat, from: bot, text: 'ما الكلمات؟', reply_markup: { force_reply: true } }, fromBot: true, edits: [], deleted: false };
    const answer: StoredMessage = {
      message: { message_id: 6, date: 101, chat, from: sara, text: '/search@khulasa_bot اليابان', entities: [{ type: 'bot_command', offset: 0, length: 19 }], reply_to_message: asked.message, via_bot: bot },
      fromBot: false, edits: [], deleted: false,
    };
    assert.equal(messageView(asked).forceReply, true);
    const view = messageView(answer);
    assert.deepEqual(view.replyTo, { id: 5, name: 'خلاصة', text: 'ما الكلمات؟' });
    assert.equal(view.viaBot, 'khulasa_bot');
    assert.deepEqual(view.entities, []);
  });
});
