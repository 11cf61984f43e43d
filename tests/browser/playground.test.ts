// The playground page in Debian's Chromium, against `npm start` without a token (a real process):
// what a new user does first, and that nothing the bot shows can run as code or reach the network.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page, chromium } from 'playwright-core';
import { USER_WINDOW_MS } from '../../src/bot/create-bot.ts';
import { PLAYGROUND_TOKEN } from '../../src/playground/start-playground.ts';
import { pageText, writePages } from '../helpers/pages.ts';
import { type PlaygroundProcess, startPlaygroundProcess } from '../helpers/playground-process.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';

// The page's globals, inside functions that run in the browser.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any, window: any;

const CHROMIUM = '/usr/bin/chromium';
/** Gitignored: screenshots for a person to look at, written on every run. */
const OUTPUT_DIR = new URL('../../test-output/playground/', import.meta.url).pathname;
// Chromium on a closed network: no background services, each of which would try to phone home.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const missing = !existsSync(CHROMIUM);
if (missing && process.env.CI === 'true') throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs it with apt (chromium, fonts-noto-core).`);
const skip = missing ? `Chromium not found at ${CHROMIUM}; install it (apt-get install chromium fonts-noto-core) to run the browser test` : false;

// Enough articles for /latest to have a second page.
const MORE_NEWS = [
  'افتتحت وزارة الصحة مستشفى جديدا للأطفال في العاصمة بسعة مئتي سرير، ويضم أقساما للطوارئ والعناية المركزة والجراحة.',
  'سجلت أسعار الذهب ارتفاعا ملحوظا في الأسواق العالمية مع تزايد الطلب على الملاذات الآمنة وتراجع الدولار أمام العملات الرئيسية.',
  'أطلقت جامعة القاهرة برنامجا جديدا لدراسة الذكاء الاصطناعي يستقبل الطلاب في العام الدراسي المقبل بالتعاون مع شركات التقنية.',
  'توقعت هيئة الأرصاد الجوية هطول أمطار غزيرة على المناطق الساحلية خلال الأيام الثلاثة المقبلة مع انخفاض في درجات الحرارة.',
  'فاز المنتخب الوطني لكرة القدم على نظيره بثلاثة أهداف مقابل هدف في المباراة الودية التي أقيمت مساء أمس على الملعب الدولي.',
  'أعلنت شركة الطيران الوطنية عن خط جديد يربط العاصمة بمدينة إسطنبول بمعدل أربع رحلات أسبوعيا اعتبارا من الشهر المقبل.',
];

const HOSTILE_LEAD = 'أعلنت بلدية المدينة القديمة <script>window.__pwned = 1</script> عن افتتاح مهرجان الكتاب السنوي في الساحة الكبرى بمشاركة واسعة من دور النشر العربية.';
const HOSTILE_IMG = 'وقال المنظمون إن المهرجان <img src=x onerror="window.__pwned = 2"> يستمر أسبوعين ويضم ندوات وأمسيات شعرية للأطفال والكبار في قاعات المدينة.';

describe('the playground page', { skip }, () => {
  let app: PlaygroundProcess;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    const seeds = await tempDir();
    await copyFile(SEED_FILE, join(seeds, 'seed.txt'));
    await writePages(seeds, MORE_NEWS.map((lead) => ({ paragraphs: [lead, `${lead.split(' ').slice(0, 6).join(' ')} وفق ما أفادت به المصادر الرسمية اليوم.`] })));
    app = await startPlaygroundProcess({ SEEDS_DIR: seeds, PLAYGROUND_DATA: 'temp' });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void (d.type() === 'confirm' ? d.accept() : d.dismiss());
    });
    await page.goto(`${app.url}/`);
    await page.locator('#chat-list button').nth(1).waitFor();
  });
  after(async () => {
    await browser?.close();
    assert.equal(await app?.stop(), 0, 'the playground stops cleanly on SIGTERM');
  });

  const lastBotBubble = () => page.locator('#messages .msg.bot').last();
  /** Does `act`, then waits for one more bubble; a timeout says what the chat showed instead. */
  async function expectNewBubble(act: () => Promise<unknown>, selector = '#messages .msg') {
    const before = await page.locator(selector).count();
    await act();
    try {
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length > n, [selector, before] as const, { timeout: 20_000 });
    } catch (error) {
      const shown = await page.locator('#messages').innerText();
      throw new Error(`${(error as Error).message}\nthe chat shows (end):\n${shown.slice(-1500)}\ntoasts: ${await page.locator('#toasts').innerText()}`);
    }
    return lastBotBubble();
  }
  /**
   * The bot drops a reader's updates beyond USER_BURST per USER_WINDOW_MS (create-bot.ts), as it
   * does on Telegram; a test clicks faster than any person, so each few steps start a new window.
   */
  const freshRateWindow = () => page.waitForTimeout(USER_WINDOW_MS + 100);
  const say = (text: string) =>
    expectNewBubble(async () => {
      await page.locator('#input').fill(text);
      await page.locator('#input').press('Enter');
    }, '#messages .msg.bot');
  async function openChat(name: string) {
    await page.locator('#chat-list button', { hasText: name }).click();
    await page.locator('#chat-title', { hasText: name.replace(/ \(.*\)$/, '') }).waitFor();
  }

  it('is an Arabic, right-to-left page with the bot\'s own command menu', async () => {
    assert.equal(await page.getAttribute('html', 'lang'), 'ar');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    await page.locator('#menu').click();
    await page.locator('#panel-list button', { hasText: '/latest' }).waitFor();
    assert.match(await page.locator('#panel-list').innerText(), /آخر الأخبار/);
    await page.locator('#menu').click();
  });

  it('answers /latest, opens an article by its button, and pages by editing the list in place', async () => {
    const list = await say('/latest');
    assert.match(await list.innerText(), /آخر الأخبار/);
    const listId = await list.getAttribute('data-id');
    const firstPage = await list.innerText();
    await list.locator('.key', { hasText: 'التالي' }).click();
    await page.waitForFunction(([id, text]) => document.querySelector(`[data-id="${id}"]`)?.textContent !== text && document.querySelector(`[data-id="${id}"] .edited`), [listId, firstPage] as const);
    assert.equal(await page.locator(`#messages [data-id="${listId}"]`).count(), 1, 'edited in place, not sent again');
    await expectNewBubble(() => page.locator(`#messages [data-id="${listId}"] .key`).first().click());
    const card = lastBotBubble();
    await card.locator('.key', { hasText: 'النص الكامل' }).waitFor();
    assert.ok((await card.locator('.text b').count()) > 0, 'the title is bold, from the message entities');
  });

  it('follows "related" and "full text" from the card', async () => {
    const card = page.locator('#messages .msg.bot', { has: page.locator('.key', { hasText: 'النص الكامل' }) }).last();
    await expectNewBubble(() => card.locator('.key', { hasText: 'ذات صلة' }).click());
    assert.match(await lastBotBubble().innerText(), /ذات صلة/);
    await expectNewBubble(() => card.locator('.key', { hasText: 'النص الكامل' }).click());
    assert.ok((await lastBotBubble().innerText()).length > 300, 'the full text arrives');
    await mkdir(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUTPUT_DIR, 'playground-1280.png') });
  });

  it('searches plain words, and focuses the box when the bot asks with force_reply', async () => {
    await freshRateWindow();
    assert.match(await (await say('المعادن النادرة')).innerText(), /المعادن|الصين/);
    await say('/search');
    await page.locator('#reply-bar').waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'input');
    const answer = await say('اليابان');
    assert.match(await answer.innerText(), /اليابان|اليابانية/);
  });

  it('removes a message the bot deletes, and redraws one it edits, in place', async () => {
    const last = lastBotBubble();
    const id = Number(await last.getAttribute('data-id'));
    const call = (method: string, params: Record<string, unknown>) =>
      fetch(`${app.url}/bot${PLAYGROUND_TOKEN}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) }).then((r) => r.json() as Promise<{ ok: boolean }>);
    const chatId = Number(await page.locator('#chat-list button[aria-current="true"]').getAttribute('data-chat'));
    assert.equal((await call('editMessageText', { chat_id: chatId, message_id: id, text: '<i>نص معدّل</i>', parse_mode: 'HTML' })).ok, true);
    await page.locator(`#messages [data-id="${id}"] .text i`, { hasText: 'نص معدّل' }).waitFor();
    assert.equal((await call('deleteMessage', { chat_id: chatId, message_id: id })).ok, true);
    await page.locator(`#messages [data-id="${id}"]`).waitFor({ state: 'detached' });
  });

  it('posts a chosen inline result into the group, where a second member reads it', async () => {
    await openChat('مجموعة الأخبار');
    await page.locator('#input').fill('@khulasa_bot اليابان');
    const result = page.locator('#panel-list button').first();
    await result.waitFor();
    await result.click();
    const posted = page.locator('#messages .msg.out', { hasText: /عبر \u2066@khulasa_bot/ }).last();
    await posted.waitFor();
    await say('/latest');
    // The card's deep link (t.me/khulasa_bot?start=…) opens the article in the private chat, here.
    await posted.locator('a.key, .key', { hasText: 'اقرأ في خلاصة' }).click();
    await page.locator('#chat-title', { hasText: 'خلاصة' }).waitFor();
    await page.locator('#messages .msg.out', { hasText: '/start a_' }).waitFor();
    await page.locator('#messages .msg.bot').last().locator('.key', { hasText: 'النص الكامل' }).waitFor();
    await openChat('مجموعة الأخبار');
    // In a group the bot answers a reply to one of its messages (and ignores other talk).
    await page.locator('#messages .msg.bot').last().locator('.reply').click();
    await page.locator('#reply-bar').waitFor({ state: 'visible' });
    assert.match(await (await say('اليابان')).innerText(), /نتائج البحث/);
    assert.match(await page.locator('#messages .msg.out').last().locator('.quote').innerText(), /خلاصة/);
    await page.locator('#reader').selectOption({ label: 'عمر' });
    await openChat('مجموعة الأخبار');
    await page.locator('#messages .msg.in .sender', { hasText: 'سارة' }).first().waitFor();
    await page.locator('#reader').selectOption({ label: 'سارة' });
  });

  it('shows a callback answer as a toast: a button of an answered question has expired', async () => {
    await freshRateWindow();
    await openChat('خلاصة (خاصة)');
    const time = page.locator(`#messages [data-id="${await (await say('/subscribe')).getAttribute('data-id')}"]`);
    await expectNewBubble(() => time.locator('.key').first().click());
    await time.locator('.key').nth(1).click();
    await page.locator('.toast', { hasText: 'انتهت صلاحية هذا الزر' }).waitFor();
    await say('/cancel');
  });

  it('blocks and unblocks the bot', async () => {
    await openChat('خلاصة (خاصة)');
    await page.locator('#block').click();
    await page.locator('#blocked-bar').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#composer').isVisible(), false);
    await page.locator('#unblock').click();
    await page.locator('#composer').waitFor({ state: 'visible' });
    assert.match(await (await say('/start')).innerText(), /خلاصة/);
  });

  it('adds a dropped page through ingestion and shows its HTML as text, never running it', async () => {
    await freshRateWindow();
    const file = pageText({ paragraphs: [HOSTILE_LEAD, HOSTILE_IMG], source: 'مصدر الاختبار' });
    await page.locator('#file').setInputFiles({ name: 'مهرجان.txt', mimeType: 'text/plain', buffer: Buffer.from(file) });
    await page.locator('.toast', { hasText: 'خبر جديد' }).waitFor();
    const results = await say('مهرجان الكتاب');
    await expectNewBubble(() => results.locator('.key').first().click());
    const card = lastBotBubble();
    await expectNewBubble(() => card.locator('.key', { hasText: 'النص الكامل' }).click());
    await lastBotBubble().filter({ hasText: 'onerror' }).waitFor();
    const shown = await page.locator('#messages').innerText();
    assert.ok(shown.includes('<script>window.__pwned = 1</script>'), 'the script tag shows as text');
    assert.ok(shown.includes('<img src=x onerror="window.__pwned = 2">'), 'the img tag shows as text');
    assert.equal(await page.locator('#messages script, #messages img').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(dialogs, []);
  });

  it('shows why a page was refused, in Arabic', async () => {
    await page.locator('#file').setInputFiles({ name: 'english.txt', mimeType: 'text/plain', buffer: Buffer.from('Only English text, no Arabic at all.\n') });
    await page.locator('.toast.alert', { hasText: 'لا نص عربيًا' }).waitFor();
  });

  it('fits a 360 px phone screen, every control labelled', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await openChat('خلاصة (خاصة)');
    await mkdir(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUTPUT_DIR, 'playground-360.png') });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
    await page.locator('#input').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'إرسال', 'Tab reaches the send button');
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, select, textarea, [role="button"]')]
        .filter((el: { hidden: boolean; getAttribute(n: string): string | null; textContent: string | null }) => !el.hidden && !(el.getAttribute('aria-label') || el.textContent?.trim()))
        .map((el) => el.outerHTML),
    );
    assert.deepEqual(unnamed, []);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('resets the chats, and with a temporary data folder the news added on the page too', async () => {
    await page.locator('#reset').click();
    await page.waitForFunction(() => document.querySelectorAll('#messages .msg').length === 0);
    assert.match(dialogs.at(-1) ?? '', /^confirm: .*ببيانات جديدة/);
    dialogs.pop();
    await openChat('خلاصة (خاصة)');
    const answer = await say('مهرجان الكتاب');
    assert.doesNotMatch(await answer.innerText(), /مهرجان الكتاب السنوي/, 'the dropped page went with the old data');
  });

  it('loaded nothing from outside loopback', () => {
    assert.ok(requests.length > 5);
    const outside = requests.filter((url) => new URL(url).hostname !== '127.0.0.1');
    assert.deepEqual(outside, []);
  });
});
