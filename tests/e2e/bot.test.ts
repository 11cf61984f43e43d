import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unpack } from '../../src/callback-data.ts';
import { MAX_MESSAGE_LENGTH } from '../../src/emulator/emulator.ts';
import type { StoredMessage } from '../../src/emulator/types.ts';
import { eventually, startHarness } from '../helpers/bot-harness.ts';
import { writePages } from '../helpers/pages.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';

// The seed page, twelve dated filler articles for paging, one very long article, and one whose
// text is full of HTML metacharacters.
const dir = await tempDir();
const fillers = Array.from({ length: 12 }, (_, i) => ({
  date: `2026-01-${String(i + 1).padStart(2, '0')}T08:00:00Z`,
  paragraphs: [`ارتفعت صادرات القمح في الشهر رقم ${i + 1} بنسبة كبيرة وفق تقرير رسمي.`, 'وقال مسؤولون إن الطلب العالمي ما زال قوياً.'],
  source: 'وكالة الحبوب',
}));
const longParagraph = 'وأوضح التقرير المفصل أن الاستثمارات في قطاع الطاقة المتجددة تضاعفت خلال السنوات الماضية بفضل الحوافز الحكومية والطلب المتزايد من المصانع والمنازل. ';
const pages = await writePages(dir, [
  ...fillers,
  { date: '2025-12-01T08:00:00Z', paragraphs: Array.from({ length: 40 }, () => longParagraph.repeat(2).trim()), source: 'مرصد الطاقة' },
  {
    date: '2025-11-01T08:00:00Z',
    url: 'https://example.com/news/html?a=1&b=2',
    paragraphs: ['قال المبرمج إن الوسم <script>alert(1)</script> و<b>غامق</b> و5 > 3 & 2 < 4 تظهر كما هي في النص.', 'ورمز & وحده لا يكسر شيئاً.'],
    source: 'مختبر <الأمن> & الشبكات',
  },
]);
// One reader drives many steps quickly here; flood protection has its own test file.
const h = await startHarness({ pages: [SEED_FILE, ...pages], userRate: { burst: 1000, windowMs: 1000 } });
const { emulator } = h;
const reader = emulator.user(7, 'سارة');
const chat = emulator.privateChat(reader);
let lastId = 0;

async function say(text: string, count = 1): Promise<StoredMessage[]> {
  const sent = emulator.sendText(reader, chat, text);
  const replies = await h.botReplies(chat, sent.message_id, count);
  lastId = replies.at(-1)?.message.message_id ?? lastId;
  return replies;
}

async function press(message: StoredMessage, button: { text?: string; data?: string }, expectedMessages = 1) {
  const before = emulator.botMessages(chat.id).at(-1)?.message.message_id ?? 0;
  const queryId = emulator.pressButton(reader, chat, message.message.message_id, button);
  await emulator.waitFor(() => emulator.callbackAnswer(queryId), 10_000, 'callback answer');
  const replies = expectedMessages > 0 ? await h.botReplies(chat, before, expectedMessages) : [];
  return { answer: emulator.callbackAnswer(queryId), replies };
}

const buttons = (m: StoredMessage) => m.message.reply_markup?.inline_keyboard?.flat() ?? [];

describe('commands', () => {
  it('registers Arabic command descriptions at start', () => {
    const commands = emulator.commands();
    assert.deepEqual(commands.map((c) => c.command), ['start', 'latest', 'search', 'subscribe', 'settings', 'digest', 'unsubscribe', 'cancel', 'help']);
    assert.ok(commands.every((c) => /[\u0600-\u06FF]/.test(c.description)));
  });

  it('/start welcomes the reader by name, in Arabic', async () => {
    const [reply] = await say('/start');
    assert.match(reply?.message.text ?? '', /^أهلاً سارة/);
    assert.equal(reply?.parseMode, 'HTML');
  });

  it('/help lists every command with an example', async () => {
    const [reply] = await say('/help');
    for (const part of ['/latest', '/search', '@khulasa_test_bot كلمات', 'الولايات المتحدة']) {
      assert.ok((reply?.message.text ?? '').includes(part), part);
    }
    assert.match(reply?.message.text ?? '', /\/search اليابان/);
    // Every command the menu offers is explained, each on a line of its own.
    for (const { command } of emulator.commands()) {
      assert.match(reply?.message.text ?? '', new RegExp(`^/${command}\\b`, 'm'), `/${command} in /help`);
    }
  });

  it('/search alone asks for the words with a reply prompt', async () => {
    const [reply] = await say('/search');
    assert.match(reply?.message.text ?? '', /ما الذي تبحث عنه/);
    assert.equal(reply?.message.reply_markup?.force_reply, true);
    const sent = emulator.sendText(reader, chat, 'سينكاكو', { replyTo: reply?.message.message_id });
    const [results] = await h.botReplies(chat, sent.message_id);
    assert.match(results?.message.text ?? '', /نتائج البحث عن: «سينكاكو»/);
  });

  it('/search with words lists ranked results with the matched words marked', async () => {
    const [reply] = await say('/search المعادن النادرة');
    const text = reply?.message.text ?? '';
    assert.match(text, /١\. الصين توافق على تصدير بعض المعادن النادرة/);
    assert.match(reply?.source ?? '', /<b>معادن<\/b> أرضية <b>نادرة<\/b>/);
  });
});

describe('lists and paging', () => {
  it('/latest shows five numbered articles, newest first, with open buttons and paging', async () => {
    const [list] = await say('/latest');
    const text = list?.message.text ?? '';
    assert.match(text, /^🗞 آخر الأخبار/);
    assert.ok(text.indexOf('اتفق وزير الدفاع') < text.indexOf('الصين توافق'), 'seed (newest) first, page order kept');
    const labels = buttons(list!).map((b) => b.text);
    assert.deepEqual(labels.slice(0, 5), ['١', '٢', '٣', '٤', '٥']);
    assert.ok(labels.includes('التالي ◀️'));
    assert.ok(!labels.includes('▶️ السابق'));
  });

  it('next and previous edit the list in place', async () => {
    const [list] = await say('/latest');
    await press(list!, { text: 'التالي' }, 0);
    const edited = emulator.transcript(chat.id).find((m) => m.message.message_id === list?.message.message_id);
    assert.equal(edited?.edits.length, 1);
    assert.match(edited?.message.text ?? '', /^🗞 آخر الأخبار\n\n٦\./);
    assert.ok(buttons(edited!).some((b) => b.text === '▶️ السابق'));
    await press(edited!, { text: 'السابق' }, 0);
    assert.match(edited?.message.text ?? '', /\n\n١\./);
    assert.equal(emulator.botMessages(chat.id).at(-1)?.message.message_id, list?.message.message_id, 'no new message');
  });

  it('a search that finds nothing says so and offers the latest news', async () => {
    const [reply] = await say('برشلونة');
    assert.match(reply?.message.text ?? '', /لم أجد أخباراً عن «برشلونة»/);
    await press(reply!, { text: 'آخر الأخبار' }, 0);
    assert.match(emulator.transcript(chat.id).find((m) => m.message.message_id === reply?.message.message_id)?.message.text ?? '', /^🗞 آخر الأخبار/);
  });
});

describe('article cards', () => {
  it('opens a card from a list: title, source, date, summary and buttons', async () => {
    const [list] = await say('المعادن النادرة');
    const { replies } = await press(list!, { text: '١' });
    const card = replies[0]!;
    const text = card.message.text ?? '';
    assert.match(text, /^الصين توافق على تصدير بعض المعادن النادرة/);
    assert.match(text, /📰 وكالة بلومبرج للأنباء\+رويترز · 🗓 [٠-٩]+ [\u0600-\u06FF]+ [٠-٩]{4}/);
    assert.match(text, /أعلنت الصين موافقتها/);
    assert.deepEqual(buttons(card).map((b) => b.text), ['📄 النص الكامل', '🔗 ذات صلة']);
  });

  it('opens an article by deep link, and says so when it is gone', async () => {
    const china = h.library.articles.latest(2)[1]!;
    const [card] = await say(`/start a_${china.id}`);
    assert.match(card?.message.text ?? '', /^الصين توافق/);
    const [missing] = await say('/start a_nosuchid123');
    assert.equal(missing?.message.text, 'هذا الخبر لم يعد متاحاً.');
  });

  it('sends the full text, split on paragraph boundaries when over 4096 characters', async () => {
    const [list] = await say('الطاقة المتجددة');
    const { replies: [card] } = await press(list!, { text: '١' });
    const before = lastIdOf();
    const queryId = emulator.pressButton(reader, chat, card!.message.message_id, { text: 'النص الكامل' });
    await emulator.waitFor(() => emulator.callbackAnswer(queryId));
    const parts = emulator.botMessages(chat.id).filter((m) => m.message.message_id > before);
    assert.ok(parts.length >= 3, `${parts.length} parts`);
    for (const part of parts) assert.ok((part.message.text ?? '').length <= MAX_MESSAGE_LENGTH);
    const arabic = (n: number) => String(n).replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)] ?? d);
    parts.forEach((part, i) => assert.match(part.message.text ?? '', new RegExp(`\\(الجزء ${arabic(i + 1)} من ${arabic(parts.length)}\\)`)));
    const body = parts.map((p) => (p.message.text ?? '').split('\n\n').slice(1).join('\n\n')).join('\n\n');
    assert.equal(body.split('\n\n').length, 40, 'every paragraph, none cut');
  });

  it('shows article text with <, >, & and <script> exactly as written', async () => {
    const [list] = await say('المبرمج الوسم');
    const { replies: [card] } = await press(list!, { text: '١' });
    assert.match(card?.message.text ?? '', /📰 مختبر <الأمن> & الشبكات/);
    assert.deepEqual(buttons(card!).map((b) => b.url ?? b.text), ['📄 النص الكامل', '🔗 ذات صلة', 'https://example.com/news/html?a=1&b=2']);
    const queryId = emulator.pressButton(reader, chat, card!.message.message_id, { text: 'النص الكامل' });
    await emulator.waitFor(() => emulator.callbackAnswer(queryId));
    const full = emulator.botMessages(chat.id).at(-1)?.message.text ?? '';
    assert.ok(full.includes('الوسم <script>alert(1)</script> و<b>غامق</b> و5 > 3 & 2 < 4'));
  });
});

function lastIdOf(): number {
  return emulator.botMessages(chat.id).at(-1)?.message.message_id ?? 0;
}

describe('related articles', () => {
  it('leads from article to article through related buttons', async () => {
    const japan = h.library.articles.latest(1)[0]!;
    const [card] = await say(`/start a_${japan.id}`);
    const { replies: [related] } = await press(card!, { text: 'ذات صلة' });
    assert.match(related?.message.text ?? '', /أخبار ذات صلة بـ: اتفق وزير الدفاع/);
    const items = buttons(related!);
    assert.match(items[0]?.text ?? '', /^📄 الصين توافق/, 'the read-also article first');
    assert.ok(items.filter((b) => b.text.startsWith('📰')).length >= 5, 'headlines from the similar list');
    assert.equal(items.at(-1)?.text, '↩️ الخبر');

    const { replies: [china] } = await press(related!, { text: 'الصين توافق' });
    assert.match(china?.message.text ?? '', /^الصين توافق/);
    const { replies: [next] } = await press(china!, { text: 'ذات صلة' });
    assert.ok(buttons(next!).some((b) => b.text.startsWith('📄 اتفق وزير الدفاع')), 'and back again');
  });

  it('a headline without a body says so and offers to search for it', async () => {
    const japan = h.library.articles.latest(1)[0]!;
    const [card] = await say(`/start a_${japan.id}`);
    const { replies: [related] } = await press(card!, { text: 'ذات صلة' });
    const headlineButton = buttons(related!).find((b) => b.text.startsWith('📰'))!;
    const { replies: [headline] } = await press(related!, { data: headlineButton.callback_data! });
    assert.match(headline?.message.text ?? '', /هذا عنوان فقط/);
    assert.equal(buttons(headline!)[0]?.text, '🔎 ابحث عن هذا الخبر');
    const { replies: [results] } = await press(headline!, { text: 'ابحث عن هذا الخبر' });
    assert.match(results?.message.text ?? '', /نتائج البحث عن|لم أجد أخباراً/);
  });
});

describe('robustness', () => {
  it('answers a forged or stale button with a short Arabic notice, never an error', async () => {
    const [list] = await say('/latest');
    for (const data of ['1:o:../../etc', '9:o:abc', 'garbage', '1:s:unknownkey:0', '1:l:-5', '1:o:nosuchid123']) {
      const queryId = emulator.sendCallback(reader, list!.message, data);
      const answer = await emulator.waitFor(() => emulator.callbackAnswer(queryId), 10_000, `answer to ${data}`);
      assert.match(answer.text ?? '', /انتهت صلاحية هذا الزر|لم يعد متاحاً/, data);
    }
    const [still] = await say('/help');
    assert.ok(still, 'the bot still answers');
  });

  it('refuses a 4096-character query politely', async () => {
    const [reply] = await say('المعادن '.repeat(600).slice(0, 4096));
    assert.match(reply?.message.text ?? '', /البحث طويل جداً/);
  });

  it('every button it sends carries valid versioned callback data', () => {
    for (const m of emulator.botMessages(chat.id)) {
      for (const b of buttons(m)) if (b.callback_data) assert.ok(unpack(b.callback_data), b.callback_data);
    }
  });
});

describe('inline mode', () => {
  it('returns matching articles that send a card with buttons', async () => {
    const queryId = emulator.inlineQuery(reader, 'اليابان');
    const answer = await emulator.waitFor(() => emulator.inlineAnswer(queryId));
    const first = answer.results[0]!;
    assert.match(String(first.title), /^اتفق وزير الدفاع/);
    assert.ok(String(first.description).length > 10);
    const group = emulator.group('أصدقاء الأخبار');
    const shared = emulator.chooseInlineResult(reader, group, queryId, String(first.id));
    assert.match(shared.text ?? '', /^اتفق وزير الدفاع/);
    const open = shared.reply_markup?.inline_keyboard?.[0]?.[0];
    assert.equal(open?.url, `https://t.me/khulasa_test_bot?start=a_${String(first.id)}`);
  });

  it('matches the word still being typed by its beginning; a sent search reads whole words', async () => {
    const queryId = emulator.inlineQuery(reader, 'المعاد');
    const answer = await emulator.waitFor(() => emulator.inlineAnswer(queryId));
    assert.match(String(answer.results[0]?.title), /^الصين توافق على تصدير بعض المعادن النادرة/);
    const [reply] = await say('/search المعاد');
    assert.doesNotMatch(reply?.message.text ?? '', /الصين توافق/);
  });

  it('reads an article the bot has just read through its one cache of bodies: a deep link, then inline, then the deep link again read the store once', async () => {
    const articles = h.library.articles;
    const get = articles.get;
    const reads: string[] = [];
    articles.get = (id) => (reads.push(id), get.call(articles, id));
    try {
      const china = articles.latest(2)[1]!;
      const [first] = await say(`/start a_${china.id}`);
      assert.match(first?.message.text ?? '', /^الصين توافق/);
      const before = reads.filter((id) => id === china.id).length;
      const queryId = emulator.inlineQuery(reader, 'الصين توافق');
      const answer = await emulator.waitFor(() => emulator.inlineAnswer(queryId));
      assert.equal(answer.results[0]?.id, china.id);
      const [again] = await say(`/start a_${china.id}`);
      assert.match(again?.message.text ?? '', /^الصين توافق/);
      assert.ok(before <= 1);
      assert.equal(reads.filter((id) => id === china.id).length, before, 'inline and the second deep link read no body again');
    } finally {
      articles.get = get;
    }
  });

  it('an empty query returns the latest articles', async () => {
    const queryId = emulator.inlineQuery(reader, '');
    const answer = await emulator.waitFor(() => emulator.inlineAnswer(queryId));
    assert.equal(answer.results.length, 16);
    assert.match(String(answer.results[0]?.title), /^اتفق وزير الدفاع/);
  });
});

describe('groups', () => {
  const member = emulator.user(21, 'عضو');
  const group = emulator.group('نقاش الأخبار');

  it('answers commands, also addressed as /cmd@botname', async () => {
    const sent = emulator.sendText(member, group, '/latest@khulasa_test_bot');
    const [reply] = await h.botReplies(group, sent.message_id);
    assert.match(reply?.message.text ?? '', /^🗞 آخر الأخبار/);
  });

  it('leaves a command addressed to another bot to that bot', async () => {
    const other = emulator.sendText(member, group, '/latest@another_news_bot');
    const ours = emulator.sendText(member, group, '/latest@Khulasa_Test_Bot');
    const [reply] = await h.botReplies(group, other.message_id);
    assert.ok(reply!.message.message_id > ours.message_id, 'the first reply answers our command, not the other bot\'s');
    assert.match(reply?.message.text ?? '', /^🗞 آخر الأخبار/);
  });

  it('moves the group\'s record when Telegram upgrades it to a supergroup', async () => {
    const upgraded = emulator.group('مجموعة ستُرقّى');
    await h.chats.update(upgraded.id, (r) => Object.assign(r, { lastDigestAt: '2026-01-01T00:00:00.000Z' }), { type: 'group', title: 'مجموعة ستُرقّى' });
    const supergroup = emulator.migrateGroup(upgraded);
    await eventually(() => h.chats.get(supergroup.id), 'the record under the supergroup id');
    assert.equal(h.chats.get(supergroup.id)?.lastDigestAt, '2026-01-01T00:00:00.000Z');
    assert.equal(h.chats.get(upgraded.id), undefined);
  });

  it('answers a mention and a reply to the bot, and ignores other talk', async () => {
    const chatter = emulator.sendText(member, group, 'صباح الخير يا جماعة، ما رأيكم في اليابان؟');
    const mention = emulator.sendText(member, group, '@khulasa_test_bot سينكاكو');
    const [reply] = await h.botReplies(group, mention.message_id);
    assert.match(reply?.message.text ?? '', /نتائج البحث عن: «سينكاكو»/);
    assert.equal(reply?.message.reply_to_message, undefined);
    const followUp = emulator.sendText(member, group, 'المعادن', { replyTo: reply?.message.message_id });
    const [second] = await h.botReplies(group, followUp.message_id);
    assert.match(second?.message.text ?? '', /«المعادن»/);
    const answeredChatter = emulator.botMessages(group.id).some((m) => m.message.message_id > chatter.message_id && m.message.message_id < mention.message_id);
    assert.equal(answeredChatter, false);
  });
});
