import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { eventually, startHarness } from '../helpers/bot-harness.ts';

let logs = '';
const sink = new Writable({ write(chunk, _enc, done) { logs += String(chunk); done(); } });
const h = await startHarness({ logDestination: sink, refusing: ['setMyCommands'] });
const { emulator } = h;
// Telegram answering 500 to setMyCommands: auto-retry keeps trying for minutes meanwhile.
const outage = await startHarness({ failing: ['setMyCommands'] });

describe('start-up calls that are not essential', () => {
  it('a refused setMyCommands is logged, and the bot runs anyway', async () => {
    await eventually(() => /setMyCommands failed/.test(logs), 'the warning');
    const reader = emulator.user(4);
    const reply = await h.say(reader, emulator.privateChat(reader), '/help');
    assert.match(reply.message.text ?? '', /طريقة الاستخدام/);
  });

  it('polling does not wait while setMyCommands is being retried', async () => {
    const reader = outage.emulator.user(5);
    const reply = await outage.say(reader, outage.emulator.privateChat(reader), '/help');
    assert.match(reply.message.text ?? '', /طريقة الاستخدام/);
    assert.equal(outage.emulator.stats.calls.setMyCommands, 1, 'still waiting to retry');
  });
});

describe('error boundary', () => {
  it('answers a failing update with a short Arabic apology and logs it with the update id', async () => {
    // The search index fails (a disk error, a bug): the reader must still get an answer.
    h.library.search = () => {
      throw new Error('index exploded');
    };
    const reader = emulator.user(3, 'نور');
    const chat = emulator.privateChat(reader);
    const reply = await h.say(reader, chat, 'اليابان');
    assert.equal(reply.message.text, 'عذراً، حدث خطأ غير متوقع أثناء معالجة طلبك. حاول مرة أخرى بعد قليل.');
    const line = logs.split('\n').find((l) => l.includes('update failed'));
    assert.ok(line, 'logged');
    const entry = JSON.parse(line) as { updateId: number; err: { message: string } };
    assert.equal(typeof entry.updateId, 'number');
    assert.equal(entry.err.message, 'index exploded');
    assert.ok(!logs.includes('test-token-aaaa'), 'no token in logs');

    const again = await h.say(reader, chat, '/help');
    assert.match(again.message.text ?? '', /طريقة الاستخدام/, 'the bot keeps running');
  });
});
