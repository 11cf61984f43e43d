// Two real bot processes in webhook mode on one PostgreSQL database, behind the emulator (which
// plays Telegram and the load balancer): what an operator running several instances relies on.
// Skipped without TEST_DATABASE_URL (bash .ci/run provides one; under CI=true it must run).
import assert from 'node:assert/strict';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import type { TgChat, TgUser } from '../../src/emulator/types.ts';
import { eventually } from '../helpers/bot-harness.ts';
import { writePages } from '../helpers/pages.ts';
import { freshDatabase, pgSkip } from '../helpers/pg.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';
import { startWebhookInstance, WEBHOOK_HOOK, type WebhookInstance } from '../helpers/webhook-instance.ts';

describe('two instances on one PostgreSQL, webhooks spread over both', { skip: pgSkip }, async () => {
  const emulator = new TelegramEmulator();
  const running = await startEmulatorServer(emulator);
  after(() => running.close());
  const db = await freshDatabase();
  const root = await tempDir();
  /** Instance A ingests the seed page from its seeds folder; B's is empty. */
  const seeds = { a: join(root, 'seeds-a'), b: join(root, 'seeds-b') };
  await mkdir(seeds.a);
  await mkdir(seeds.b);
  await copyFile(SEED_FILE, join(seeds.a, 'seed.txt'));
  const start = (name: 'a' | 'b') =>
    startWebhookInstance({ BOT_API_ROOT: running.apiRoot, DATABASE_URL: db.url, DATA_DIR: join(root, `data-${name}`), SEEDS_DIR: seeds[name] });
  const [a, b] = await Promise.all([start('a'), start('b')]);
  emulator.webhooks.setInstances([a.origin, b.origin]);
  /** Points the load balancer at one instance, so a step is known to run there. */
  const only = (instance: WebhookInstance) => emulator.webhooks.setInstances([instance.origin]);

  async function say(user: TgUser, chat: TgChat, text: string): Promise<string> {
    const sent = emulator.sendText(user, chat, text);
    const [reply] = await emulator.waitFor(() => {
      const replies = emulator.botMessages(chat.id).filter((m) => m.message.message_id > sent.message_id);
      return replies.length > 0 ? replies : undefined;
    }, 20_000, `a reply to ${text}`);
    return reply?.message.text ?? '';
  }

  it('refuses a request without the secret with 401, and sends no reply', async () => {
    const reader = emulator.user(7, 'سارة');
    const chat = emulator.privateChat(reader);
    for (const instance of [a, b]) {
      const res = await fetch(`${instance.origin}${new URL(WEBHOOK_HOOK).pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ update_id: 990_001, message: { message_id: 900, date: 0, chat: { id: chat.id, type: 'private', first_name: 'سارة' }, from: reader, text: '/start' } }),
      });
      assert.equal(res.status, 401);
    }
    // A genuine update's reply is the only message: the forged /start got none on either instance.
    assert.doesNotMatch(await say(reader, chat, '/help'), /^أهلاً/);
    assert.equal(emulator.botMessages(chat.id).length, 1);
  });

  it('finishes on B a /subscribe conversation started on A', async () => {
    const reader = emulator.user(8, 'مريم');
    const chat = emulator.privateChat(reader);
    only(a);
    assert.match(await say(reader, chat, '/subscribe'), /متى تريد/);
    only(b);
    assert.match(await say(reader, chat, '07:30'), /منطقة زمنية/);
    only(a);
    assert.match(await say(reader, chat, 'Asia/Riyadh'), /مواضيع/);
    only(b);
    assert.match(await say(reader, chat, 'الاقتصاد، الطاقة'), /عدد|كم/);
    only(a);
    assert.match(await say(reader, chat, '5'), /تم حفظ اشتراكك/);
    const stored = await (await db.pool.query<{ record: { subscription?: { time: string; topics: string[] } } }>('SELECT record FROM chats WHERE chat_id = $1', [chat.id])).rows[0];
    assert.deepEqual([stored?.record.subscription?.time, stored?.record.subscription?.topics], ['07:30', ['الاقتصاد', 'الطاقة']]);
    emulator.webhooks.setInstances([a.origin, b.origin]);
  });

  it('finds on B an article A ingested from its seeds folder', async () => {
    await writePages(seeds.a, [{ date: '2026-11-20T08:00:00+03:00', paragraphs: ['افتتحت بلدية طنجة اليوم مكتبة عامة جديدة للأطفال تضم عشرة آلاف كتاب مصور.', 'وقال رئيس البلدية إن المكتبة تفتح أبوابها كل يوم حتى المساء.'] }]);
    await a.bot.waitFor(/ingested pages/, 'A to ingest the new page');
    const reader = emulator.user(9, 'عمر');
    const chat = emulator.privateChat(reader);
    only(b);
    // The index on B catches up within seconds: ask until it has, at a pace under the readers' rate limit.
    const found = async () => /مكتبة عامة جديدة للأطفال/.test(await say(reader, chat, '/search مكتبة الأطفال طنجة')) || (await new Promise((r) => setTimeout(r, 500)), false);
    await eventually(found, 'B to find the article', 30_000);
    emulator.webhooks.setInstances([a.origin, b.origin]);
  });
});
