// Hostile readers through the emulator: oversized, invisible-character and injected text, forged
// and replayed buttons, thousands of inline queries and one reader flooding while others are
// served. Replies must stay valid HTML (the emulator refuses what Telegram would) and escaped.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { USER_BURST } from '../../src/bot/create-bot.ts';
import { messages } from '../../src/bot/messages.ts';
import { parseTelegramHtml } from '../../src/emulator/html.ts';
import type { StoredMessage } from '../../src/emulator/types.ts';
import { Telemetry } from '../../src/ops/telemetry.ts';
import { startHarness } from '../helpers/bot-harness.ts';
import { writePages } from '../helpers/pages.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';

// Enough articles about one subject for a second page of results (its button is replayed below).
const datePages = await writePages(
  await tempDir(),
  Array.from({ length: 8 }, (_, i) => ({
    date: `2026-11-2${i % 8}T0${i}:00:00+03:00`,
    paragraphs: [`سجّل موسم حصاد التمور في الواحة رقم ${i + 1} إنتاجاً وفيراً هذا العام بحسب المزارعين.`, `وقال مزارعون إن أسعار التمور ارتفعت في السوق المحلية ${i + 1} مرات.`],
  })),
);
const telemetry = new Telemetry();
const h = await startHarness({ pages: [SEED_FILE, ...datePages], deps: () => ({ ops: { telemetry } }) });
/** Updates the bot has finished handling, from its own metrics. */
const handled = async () => {
  const metrics = await telemetry.metrics();
  return [...metrics.matchAll(/^khulasa_updates_handled_total\{type="[a-z_]+"\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
};
const { emulator } = h;

// Peak memory of this process (bot and emulator together) while the file runs: reported, not asserted.
const peak = { rssMB: 0, heapMB: 0 };
const sample = () => {
  const { rss, heapUsed } = process.memoryUsage();
  peak.rssMB = Math.max(peak.rssMB, Math.round(rss / 2 ** 20));
  peak.heapMB = Math.max(peak.heapMB, Math.round(heapUsed / 2 ** 20));
};
const sampler = setInterval(sample, 25);
after(() => {
  clearInterval(sampler);
  if (process.env.FUZZ_REPORT) process.stdout.write(`# hostile readers: peak ${JSON.stringify(peak)}\n`);
});

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/** What every reply must be: valid Telegram HTML, no apology, no bidi override reaching the reader. */
function wellFormed(reply: StoredMessage): void {
  if (reply.parseMode === 'HTML') parseTelegramHtml(reply.source ?? '');
  assert.notEqual(reply.message.text, messages.apology);
  assert.doesNotMatch(reply.message.text ?? '', BIDI_CONTROLS);
}

async function untilHandled(count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await handled()) < count) {
    if (Date.now() > deadline) throw new Error(`the bot handled ${await handled()} of ${count} updates`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let nextUser = 1_000;
const freshReader = () => {
  const reader = emulator.user(nextUser++);
  return { reader, chat: emulator.privateChat(reader) };
};

describe('hostile text', () => {
  it('a 4096-character message is told to be shorter, not searched and not apologised for', async () => {
    const { reader, chat } = freshReader();
    const reply = await h.say(reader, chat, 'اليابان '.repeat(512).slice(0, 4096));
    wellFormed(reply);
    assert.match(reply.message.text ?? '', /البحث طويل جداً/);
  });

  it('right-to-left overrides and zero-width characters do not hide a search, and are not echoed', async () => {
    const { reader, chat } = freshReader();
    const reply = await h.say(reader, chat, '\u202Eاليا\u200Bبان\u2066');
    wellFormed(reply);
    assert.match(reply.message.text ?? '', /نتائج البحث عن: «اليابان»/);
  });

  it('a message of invisible characters only gets the latest news, not an empty search', async () => {
    const { reader, chat } = freshReader();
    const reply = await h.say(reader, chat, '\u200B\u202E\u200C\u2066');
    wellFormed(reply);
    assert.match(reply.message.text ?? '', /آخر الأخبار/);
  });

  it('a first name of bidi controls and invisible characters is greeted without them', async () => {
    for (const [name, greeting] of [['\u202Eسارة\u2066', /^أهلاً سارة 👋/], ['\u202E\u200B\u2067', /^أهلاً 👋/]] as const) {
      const reader = emulator.user(nextUser++, name);
      const reply = await h.say(reader, emulator.privateChat(reader), '/start');
      wellFormed(reply);
      assert.match(reply.message.text ?? '', greeting);
    }
  });

  const injections = [
    '<b>اليابان</b>',
    '</code><a href="tg://user?id=1">اليابان</a>',
    '&amp; &lt; اليابان &',
    '<script>alert(1)</script> اليابان',
    '*اليابان* _مائل_ [رابط](http://example.com) `رمز`',
    '"><img src=x onerror=alert(1)> معادن',
  ];
  for (const query of injections) {
    it(`an injection attempt is shown as typed and escaped: ${query}`, async () => {
      const { reader, chat } = freshReader();
      const reply = await h.say(reader, chat, query);
      wellFormed(reply);
      assert.ok((reply.message.text ?? '').includes(`«${query}»`), reply.message.text);
      assert.doesNotMatch(reply.source ?? '', /<(?:script|img|a href="tg)/);
    });
  }
});

describe('an article whose body file is damaged inside', () => {
  it('costs a search its snippet and inline mode that one result, not the whole answer', async () => {
    // An article no reader has opened yet: the bot keeps the bodies it has read (RecentArticles),
    // so the damage is met when its body is first read.
    const damaged = [...h.library.articles.all()].find((a) => a.kind === 'article' && a.title.includes('الواحة رقم 3'));
    assert.ok(damaged, 'the third date page\'s article');
    const get = h.library.articles.get.bind(h.library.articles);
    h.library.articles.get = (id) => (id === damaged.id ? Promise.reject(new Error('the article bodies shard file is not valid JSON')) : get(id));
    try {
      const { reader, chat } = freshReader();
      const results = await h.say(reader, chat, 'التمور');
      wellFormed(results);
      assert.match(results.message.text ?? '', /نتائج البحث عن: «التمور»/);
      assert.ok((results.message.text ?? '').includes(damaged.title.slice(0, 40)), 'the damaged article is still listed, by its title');
      // The other date pages match too: they are answered without the damaged one.
      const id = emulator.inlineQuery(reader, 'التمور');
      const inline = await emulator.waitFor(() => emulator.inlineAnswer(id), 10_000, 'the inline answer');
      assert.ok(inline.results.length > 0, 'the other results');
      assert.ok(inline.results.every((r) => r.id !== damaged.id), 'the unreadable one left out');
    } finally {
      h.library.articles.get = get;
    }
  });
});

describe('forged and replayed buttons', () => {
  const forged = [
    '', 'x', '1', '1:', '1:o:', '1:o:../../etc/passwd', `1:o:${'a'.repeat(13)}`, '2:o:abc', '0:l:0', '1:l:-1', '1:l:9999999',
    '1:l:1e3', '1:s:nokey:0', '1:s::0', '1:o:x:y', '1:n:extra', '1:p:t:07:00', '1:p:z:Asia/Riyadh', '1:p:s:5', '1:e:t', '1:e:q',
    'ب'.repeat(40), '\u0000', '1:o:\u202Eabc', '<b>1:o:x</b>',
  ];
  it(`${forged.length} forged payloads each get an answer, never an apology, and the bot goes on`, async () => {
    for (const data of forged) {
      // A reader of their own for each payload: the per-user rate limit is tested below.
      const { reader, chat } = freshReader();
      const list = await h.say(reader, chat, '/latest');
      const id = emulator.sendCallback(reader, list.message, data);
      const answer = await emulator.waitFor(() => emulator.callbackAnswer(id), 10_000, `an answer to ${JSON.stringify(data)}`);
      assert.notEqual(answer.text, messages.apology, JSON.stringify(data));
      for (const m of emulator.botMessages(chat.id)) wellFormed(m);
      const after = await h.say(reader, chat, '/help');
      assert.match(after.message.text ?? '', /طريقة الاستخدام/, `the bot goes on after ${JSON.stringify(data)}`);
    }
  });

  it('a search page button replayed after a restart is stale, said politely', async () => {
    const { reader, chat } = freshReader();
    const results = await h.say(reader, chat, 'التمور');
    const next = results.message.reply_markup?.inline_keyboard?.flat().find((b) => b.callback_data?.startsWith('1:s:'));
    assert.ok(next?.callback_data, 'a paging button');
    await h.restart();
    const id = emulator.sendCallback(reader, results.message, next.callback_data);
    const answer = await emulator.waitFor(() => emulator.callbackAnswer(id), 10_000, 'the stale answer');
    assert.equal(answer.text, messages.staleButton);
  });

  // A page button from a longer list (retention removed articles since) or a forged offset.
  for (const [what, list, page] of [
    ['latest', '/latest', (_key: string) => '1:l:999995'],
    ['search', 'التمور', (key: string) => `1:s:${key}:999995`],
  ] as const) {
    it(`a ${what} page far out of range shows the last page, never "no news yet"`, async () => {
      const { reader, chat } = freshReader();
      const first = await h.say(reader, chat, list);
      const key = first.message.reply_markup?.inline_keyboard?.flat().find((b) => /^1:[ls]:/.test(b.callback_data ?? ''))?.callback_data?.split(':')[2] ?? '';
      const pages = first.message.reply_markup?.inline_keyboard?.flat().find((b) => /^[١-٩]+ \/ [١-٩]+$/.test(b.text))?.text.split(' / ')[1];
      assert.ok(pages, 'a list of more than one page');
      const id = emulator.sendCallback(reader, first.message, page(key));
      await emulator.waitFor(() => emulator.callbackAnswer(id), 10_000, 'the answer');
      const shown = emulator.botMessages(chat.id);
      assert.equal(shown.length, 1, 'the list is edited, nothing else is sent');
      const edited = shown[0] as StoredMessage;
      wellFormed(edited);
      assert.equal(edited.edits.length, 1);
      assert.ok(edited.message.reply_markup?.inline_keyboard?.flat().some((b) => b.text === `${pages} / ${pages}`), 'the last page');
      assert.ok(edited.message.reply_markup?.inline_keyboard?.flat().some((b) => b.text === messages.buttons.previous));
    });
  }

  it('a full-text button carrying a headline\'s id gets its card, which says there is no text, not silence', async () => {
    const headline = [...h.library.articles.all()].find((a) => a.kind === 'headline');
    assert.ok(headline, 'the seed page has headlines');
    const { reader, chat } = freshReader();
    const list = await h.say(reader, chat, '/latest');
    emulator.sendCallback(reader, list.message, `1:f:${headline.id}`);
    const [card] = await h.botReplies(chat, list.message.message_id);
    wellFormed(card as StoredMessage);
    assert.match(card?.message.text ?? '', /هذا عنوان فقط/);
    assert.ok(card?.message.reply_markup?.inline_keyboard?.flat().some((b) => b.text === messages.buttons.searchHeadline));
  });

  it('the same article button pressed many times answers every press', async () => {
    const { reader, chat } = freshReader();
    const list = await h.say(reader, chat, '/latest');
    const open = list.message.reply_markup?.inline_keyboard?.flat().find((b) => b.callback_data?.startsWith('1:o:'));
    assert.ok(open?.callback_data);
    const ids = Array.from({ length: USER_BURST - 2 }, () => emulator.sendCallback(reader, list.message, open.callback_data as string));
    for (const id of ids) await emulator.waitFor(() => emulator.callbackAnswer(id), 10_000, 'every press answered');
  });
});

describe('volume', () => {
  const INLINE_QUERIES = 2_000;
  it(`${INLINE_QUERIES} inline queries from 40 readers are all answered with valid results`, async () => {
    const queries = ['', 'اليابان', 'ترامب', '<b>', '\u202E', 'ا'.repeat(300), '*_`', 'المعادن النادرة', '🇸🇦', 'zzz'];
    const ids: string[] = [];
    for (let i = 0; i < INLINE_QUERIES; i++) ids.push(emulator.inlineQuery(emulator.user(5_000 + (i % 40)), `${queries[i % queries.length]}${i % 7 ? '' : ` ${i}`}`));
    await emulator.waitFor(() => ids.every((id) => emulator.inlineAnswer(id)), 120_000, 'every inline answer');
    sample();
    const results = ids.flatMap((id) => emulator.inlineAnswer(id)?.results ?? []);
    assert.ok(results.length > 0);
    for (const r of results) assert.doesNotMatch(String(r.title), BIDI_CONTROLS);
  });

  it('one reader flooding: the others are served, and the flooder gets one slow-down notice per window, not one per message', async () => {
    const flood = freshReader();
    const FLOOD = 400;
    const start = await handled();
    for (let i = 0; i < FLOOD; i++) emulator.sendText(flood.reader, flood.chat, i % 2 ? 'اليابان' : '/latest');
    const others = Array.from({ length: 5 }, freshReader);
    for (const { reader, chat } of others) {
      const reply = await h.say(reader, chat, '/latest');
      wellFormed(reply);
      assert.match(reply.message.text ?? '', /آخر الأخبار/);
    }
    await untilHandled(start + FLOOD + others.length);
    sample();
    const toFlooder = emulator.botMessages(flood.chat.id);
    const notices = toFlooder.filter((m) => m.message.text === messages.slowDown).length;
    assert.ok(notices >= 1, 'told to slow down');
    assert.ok(notices <= 3, `${notices} slow-down notices for ${FLOOD} messages`);
    assert.ok(toFlooder.length - notices <= 3 * USER_BURST, `${toFlooder.length - notices} answers`);
  });
});
