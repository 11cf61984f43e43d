// A 1,000-character Arabic title (with HTML metacharacters) through every renderer: the output
// stays within Telegram's limits, parses as Telegram HTML, escapes the title and marks the cut.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCard } from '../../src/bot/render/card.ts';
import { renderFullText } from '../../src/bot/render/full-text.ts';
import { renderList } from '../../src/bot/render/list.ts';
import { messages } from '../../src/bot/messages.ts';
import { escapeHtml, MAX_TITLE_CHARS, shortTitle, TELEGRAM_TEXT_LIMIT } from '../../src/render-html.ts';
import { renderDigest } from '../../src/digest/render.ts';
import { parseTelegramHtml } from '../../src/emulator/html.ts';
import { LONG_TITLE } from '../helpers/long-title.ts';
import { seedArticles } from '../helpers/seed-articles.ts';

const [japan] = seedArticles();
const long = { ...japan!, title: LONG_TITLE };

const renderers: { name: string; render: () => string[] }[] = [
  { name: 'card', render: () => [renderCard(long)] },
  { name: 'list page', render: () => [renderList(messages.latestTitle, Array.from({ length: 10 }, () => ({ article: long })), 0)] },
  { name: 'full text', render: () => renderFullText(long) },
  { name: 'digest of ten', render: () => [renderDigest(Array.from({ length: 10 }, () => long), '2026-06-07')] },
  { name: 'related header', render: () => [messages.relatedTitle(escapeHtml(shortTitle(long.title)))] },
];

describe('a 1,000-character title', () => {
  it('is shortened at a word boundary, marked with "…"', () => {
    const short = shortTitle(LONG_TITLE);
    assert.ok(short.length <= MAX_TITLE_CHARS, `${short.length}`);
    assert.ok(short.endsWith('…'));
    assert.ok(LONG_TITLE.startsWith(short.slice(0, -1)), 'a prefix of the title');
    assert.match(LONG_TITLE.slice(short.length - 1), /^\s/, 'cut where a word ends');
    assert.equal(shortTitle('عنوان قصير'), 'عنوان قصير', 'a normal title stays whole');
  });

  for (const { name, render } of renderers) {
    it(`${name}: within Telegram's limit, valid HTML, the title escaped and shortened`, () => {
      for (const html of render()) {
        const visible = parseTelegramHtml(html).text;
        assert.ok(visible.length <= TELEGRAM_TEXT_LIMIT, `${visible.length} characters`);
        assert.ok(!visible.includes(LONG_TITLE.slice(0, MAX_TITLE_CHARS + 10)), 'never the whole title');
        assert.ok(visible.includes('<وزير>') && visible.includes('"نظيره"'), 'metacharacters shown as text');
        assert.ok(!html.includes('<وزير>'), 'and escaped in the HTML');
        assert.match(visible, /…/);
      }
    });
  }
});
