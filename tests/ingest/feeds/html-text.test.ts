import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlToLine, htmlToParagraphs } from '../../../src/ingest/feeds/html-text.ts';

describe('htmlToParagraphs', () => {
  const cases: [string, string, string[]][] = [
    ['keeps paragraphs', '<p>الفقرة الأولى.</p><p>الفقرة الثانية.</p>', ['الفقرة الأولى.', 'الفقرة الثانية.']],
    ['drops scripts, styles and tracking pixels', '<p>نص الخبر</p><script>track("x")</script><style>p{color:red}</style><img src="https://t.example/p.gif" width="1" height="1">', ['نص الخبر']],
    ['decodes entities', '<p>النفط &amp; الغاز &quot;اليوم&quot; &#1605;&#1589;&#1585;</p>', ['النفط & الغاز "اليوم" مصر']],
    ['keeps link text, not addresses', '<p>قال <a href="https://x.example/y">الوزير</a> إن</p>', ['قال الوزير إن']],
    ['splits on line breaks and blocks', '<div>السطر الأول<br>السطر الثاني</div>', ['السطر الأول', 'السطر الثاني']],
    ['leaves headings as written', '<h2>عنوان فرعي</h2><p>نص</p>', ['عنوان فرعي', 'نص']],
    ['gives nothing for markup without text', '<img src="a.jpg"><br/>', []],
  ];
  for (const [name, html, expected] of cases) it(name, () => assert.deepEqual(htmlToParagraphs(html), expected));
});

describe('htmlToLine', () => {
  it('turns an escaped title into one line of text', () => {
    assert.equal(htmlToLine('وزير الخارجية &amp; نظيره\n  يلتقيان'), 'وزير الخارجية & نظيره يلتقيان');
  });
});
