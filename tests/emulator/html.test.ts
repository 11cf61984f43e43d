import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EntityParseError, parseTelegramHtml } from '../../src/emulator/html.ts';

describe('parseTelegramHtml', () => {
  const accepted: [string, string][] = [
    ['<b>عاجل</b>: خبر', 'عاجل: خبر'],
    ['<i>مائل</i> <u>تحته خط</u> <s>مشطوب</s> <code>x</code>', 'مائل تحته خط مشطوب x'],
    ['&lt;script&gt; &amp; &quot;', '<script> & "'],
    ['&#1593;&#x0631;', 'عر'],
    ['<a href="https://example.com/?a=1&amp;b=2">الرابط</a>', 'الرابط'],
    ['<span class="tg-spoiler">سر</span>', 'سر'],
    ['<b>عريض <i>ومائل</i></b>', 'عريض ومائل'],
  ];
  for (const [html, text] of accepted) it(`accepts ${html}`, () => assert.equal(parseTelegramHtml(html).text, text));

  const refused: [string, RegExp][] = [
    ['<script>alert(1)</script>', /Unsupported start tag "script"/],
    ['5 < 3', /Unclosed start tag|Unsupported start tag/],
    ['<b>غير مغلق', /Can't find end tag corresponding to start tag "b"/],
    ['<b>خطأ</i>', /Unmatched end tag/],
    ['ا & ب', /Can't find end of the entity|Unsupported HTML entity/],
    ['&nbsp;', /Unsupported HTML entity "&nbsp;"/],
    ['<span>x</span>', /must have class "tg-spoiler"/],
  ];
  for (const [html, message] of refused) {
    it(`refuses ${html}`, () => assert.throws(() => parseTelegramHtml(html), (e: unknown) => e instanceof EntityParseError && /^Bad Request: can't parse entities: /.test(e.message) && message.test(e.message)));
  }

  const formatted: [string, { type: string; offset: number; length: number; url?: string }[]][] = [
    ['<b>عاجل</b>: خبر', [{ type: 'bold', offset: 0, length: 4 }]],
    ['<b>عريض <i>ومائل</i></b>', [{ type: 'bold', offset: 0, length: 10 }, { type: 'italic', offset: 5, length: 5 }]],
    ['اقرأ <a href="https://example.com/?a=1&amp;b=2">الرابط</a>', [{ type: 'text_link', offset: 5, length: 6, url: 'https://example.com/?a=1&b=2' }]],
    ['<blockquote>اقتباس</blockquote><tg-spoiler>سر</tg-spoiler>', [{ type: 'blockquote', offset: 0, length: 6 }, { type: 'spoiler', offset: 6, length: 2 }]],
    ['<pre>كود</pre> و<code>x</code> <s>م</s> <u>ت</u>', [{ type: 'pre', offset: 0, length: 3 }, { type: 'code', offset: 5, length: 1 }, { type: 'strikethrough', offset: 7, length: 1 }, { type: 'underline', offset: 9, length: 1 }]],
    ['&lt;script&gt; نص بلا تنسيق', []],
  ];
  for (const [html, entities] of formatted) {
    it(`returns the entities of ${html} in UTF-16 offsets, outermost first`, () => assert.deepEqual(parseTelegramHtml(html).entities, entities));
  }

  it('reports byte offsets the way Telegram does (UTF-8)', () => {
    assert.throws(() => parseTelegramHtml('عربي <x>'), /at byte offset 9/);
  });
});
