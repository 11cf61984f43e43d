import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parsePage } from '../../src/ingest/parse-page.ts';
import { CARD_SUMMARY, DIGEST_LINE, storySentences, SUMMARY_SCOPE_CHARS, summarize, summarizeEach } from '../../src/text/summarize.ts';
import { tokenize } from '../../src/text/tokenize.ts';
import { SEED_FILE } from '../helpers/tmp.ts';
import { WRAPPED_JOINED, WRAPPED_LINES } from '../helpers/wrapped.ts';

const [japan, china] = parsePage(readFileSync(SEED_FILE, 'utf8')).articles;
const words = (s: string) => tokenize(s).length;

describe('storySentences', () => {
  // The lead is the first sentence left with words once its dateline is gone; later sentences
  // keep theirs as written.
  const table: [string, string[], string[]][] = [
    ['a dateline opening the lead goes, the sentences after it stay', ['أتلانتا، الولايات المتحدة الأمريكية (CNN) – دعت أمريكا لعقد جلسة طارئة لمجلس الأمن. وقالت السفيرة إن الجلسة ستعقد غداً.'], ['دعت أمريكا لعقد جلسة طارئة لمجلس الأمن.', 'وقالت السفيرة إن الجلسة ستعقد غداً.']],
    ['a dateline on a line of its own is not the lead', ['القاهرة/ الأناضول', 'قال وزير الخارجية المصري إن المفاوضات مستمرة.'], ['قال وزير الخارجية المصري إن المفاوضات مستمرة.']],
    ['a credit line, then a lead with its own dateline', ['(بي بي سي)', 'لندن (رويترز) - قالت الحكومة البريطانية إنها ستراجع القرار.'], ['قالت الحكومة البريطانية إنها ستراجع القرار.']],
    ['a lead without a dateline is kept whole', ['اتهمت الحكومة الإسرائيلية إيران بمحاولة الهجوم على أراضيها. ونفت طهران ذلك.'], ['اتهمت الحكومة الإسرائيلية إيران بمحاولة الهجوم على أراضيها.', 'ونفت طهران ذلك.']],
    ['a later sentence that opens like a dateline is not touched', ['أعلن البيت الأبيض فرض عقوبات جديدة. رام الله - قال رئيس الوزراء الفلسطيني إن الحكومة ستجتمع غدا.'], ['أعلن البيت الأبيض فرض عقوبات جديدة.', 'رام الله - قال رئيس الوزراء الفلسطيني إن الحكومة ستجتمع غدا.']],
    ['only datelines: no sentences', ['القاهرة/ الأناضول', '(بي بي سي)'], []],
    ['nothing: no sentences', [], []],
  ];
  for (const [name, paragraphs, expected] of table) it(name, () => assert.deepEqual(storySentences(paragraphs), expected));
});

describe('summarize', () => {
  it('opens a news summary with its lead sentence', () => {
    assert.ok(summarize(japan?.paragraphs ?? [], CARD_SUMMARY).startsWith('اتفق وزير الدفاع الياباني'));
  });

  it('never exceeds the word budget, cutting the last sentence at a word with an ellipsis', () => {
    for (const budget of [10, 25, 60, 200]) {
      const summary = summarize(japan?.paragraphs ?? [], { maxWords: budget });
      assert.ok(words(summary) <= budget, `${words(summary)} > ${budget}`);
    }
    assert.ok(summarize(japan?.paragraphs ?? [], { maxWords: 25 }).endsWith('…'));
  });

  it('makes several budgets of one text as it makes each alone', () => {
    const budgets = [CARD_SUMMARY, DIGEST_LINE, { maxWords: 12 }, { maxSentences: 1 }];
    for (const text of [japan?.paragraphs ?? [], china?.paragraphs ?? [], 'أتلانتا، الولايات المتحدة الأمريكية (CNN) – دعت أمريكا لعقد جلسة طارئة لمجلس الأمن. وقال مسؤول إن الجلسة ستعقد غدا.']) {
      assert.deepEqual(summarizeEach(text, budgets), budgets.map((b) => summarize(text, b)));
    }
  });

  it('respects a sentence budget', () => {
    const one = summarize(japan?.paragraphs ?? [], DIGEST_LINE);
    assert.equal(one, 'اتفق وزير الدفاع الياباني جين ناكاتاني ونظيره الأمريكي بيت هيغسيث، على تعزيز التحالف الثنائي بين البلدين في ظل إدارة الرئيس الأمريكي دونالد ترامب.');
  });

  it('takes the opening sentences in reading order, as many as the budget holds', () => {
    const text = [
      'الجملة الأولى في الخبر الرئيسي اليوم. تفصيل ثانوي في الفقرة الأولى هنا.',
      'افتتاح الفقرة الثانية بمعلومة مهمة جدا. تفصيل آخر أقل أهمية في الفقرة.',
    ];
    assert.equal(
      summarize(text, { maxSentences: 3 }),
      'الجملة الأولى في الخبر الرئيسي اليوم. تفصيل ثانوي في الفقرة الأولى هنا. افتتاح الفقرة الثانية بمعلومة مهمة جدا.',
    );
  });

  // Shapes of the BBC and CNN Arabic stories of the news summary set (ANT corpus, 2018).
  const CNN_STORY = [
    'أتلانتا، الولايات المتحدة الأمريكية (CNN) – دعت أمريكا لعقد جلسة طارئة لمجلس الأمن لمناقشة الهجمات التي نفذتها حركة حماس وفصائل فلسطينية أخرى على إسرائيل، الثلاثاء، وأشارت إلى إمكانية عقد الجلسة بعد ظهر الأربعاء.',
    'وقالت السفيرة الأمريكية لدى الأمم المتحدة إن على المجلس أن يدين الهجمات.',
  ];
  const BBC_STORY = [
    'قال أسطورة كرة القدم الأرجنتينية دييغو أرماندو مارادونا إنه "بخير" بعدما خضع لفحص طبي خلال مباراة منتخب بلاده أمام نيجيريا في ختام مباريات المجموعة الرابعة بكأس العالم.',
    'وكان مارادونا قد ظهر في المدرجات وهو يحتفل بهدف الفوز.',
    'روسيا 2018: الأرجنتين تتأهل إلى دور الستة عشر',
  ];
  const table: [string, readonly string[], number, string][] = [
    ['drops a CNN dateline and shortens the lead after a comma', CNN_STORY, 20, 'دعت أمريكا لعقد جلسة طارئة لمجلس الأمن لمناقشة الهجمات التي نفذتها حركة حماس وفصائل فلسطينية أخرى على إسرائيل، الثلاثاء…'],
    ['shortens the lead before a relative clause', CNN_STORY, 11, 'دعت أمريكا لعقد جلسة طارئة لمجلس الأمن لمناقشة الهجمات…'],
    ['keeps the whole lead when it fits, then the next sentence', CNN_STORY, 33, 'دعت أمريكا لعقد جلسة طارئة لمجلس الأمن لمناقشة الهجمات التي نفذتها حركة حماس وفصائل فلسطينية أخرى على إسرائيل، الثلاثاء، وأشارت إلى إمكانية عقد الجلسة بعد ظهر الأربعاء. وقالت السفيرة الأمريكية لدى الأمم المتحدة…'],
    ['shortens a BBC lead at a clause and never takes the shorter second sentence instead', BBC_STORY, 12, 'قال أسطورة كرة القدم الأرجنتينية دييغو أرماندو مارادونا إنه "بخير"…'],
  ];
  for (const [name, story, budget, expected] of table) {
    it(name, () => {
      const summary = summarize(story, { maxWords: budget });
      assert.equal(summary, expected);
      assert.ok(words(summary) <= budget);
    });
  }

  // A lead one word over the budget: its English acronym goes, and it is whole, with its full stop.
  const FBI_STORY = [
    'واشنطن، الولايات المتحدة الأمريكية (CNN)-- طالب 6 أعضاء بمجلس النواب الأمريكي مدير مكتب التحقيقات الفيدرالي (FBI) كريستوفر راي بالتحقيق فيما إذا كان جاريد كوشنر، صهر الرئيس الأمريكي دونالد ترامب، قد سرب معلومات سرية إلى ولي العهد السعودي الأمير محمد بن سلمان، وذلك وفقا لرسالة حصلت CNN على نسخة منها.',
    'وجاءت الرسالة التي بعثها أعضاء مجلس النواب إلى مدير مكتب التحقيقات الفيدرالي، بعد تقرير لموقع "إنترسبت".',
  ];
  const FBI_LEAD = 'طالب 6 أعضاء بمجلس النواب الأمريكي مدير مكتب التحقيقات الفيدرالي كريستوفر راي بالتحقيق فيما إذا كان جاريد كوشنر، صهر الرئيس الأمريكي دونالد ترامب، قد سرب معلومات سرية إلى ولي العهد السعودي الأمير محمد بن سلمان، وذلك وفقا لرسالة حصلت CNN على نسخة منها.';
  const compressed: [string, number, string][] = [
    ['keeps a lead whole by dropping its English acronym when only that does not fit', words(FBI_LEAD), FBI_LEAD],
    ['keeps the acronym of a lead that fits as written', words(FBI_LEAD) + 1, FBI_LEAD.replace('الفيدرالي ك', 'الفيدرالي (FBI) ك')],
    ['drops the acronym before shortening a lead still too long', 13, 'طالب 6 أعضاء بمجلس النواب الأمريكي مدير مكتب التحقيقات الفيدرالي كريستوفر راي بالتحقيق…'],
  ];
  for (const [name, budget, expected] of compressed) {
    it(name, () => {
      assert.equal(summarize(FBI_STORY, { maxWords: budget, maxSentences: 1 }), expected);
    });
  }

  it("starts a digest line at the dateline, not at the editor's note above it", () => {
    const story = [
      'هذا التقرير بقلم عبيدة نفاع، محرر الشؤون الرياضية بموقع CNN بالعربية ولا يعكس بالضرورة رأي أو توجهات الشبكة.',
      'دبي، الإمارات العربية المتحدة (CNN) – يواجه ليفربول الإنجليزي نظيره ريال مدريد الإسباني، في نهائي دوري أبطال أوروبا، الذي سيقام في العاصمة الأوكرانية، كييف.',
    ];
    assert.equal(summarize(story, DIGEST_LINE), 'يواجه ليفربول الإنجليزي نظيره ريال مدريد الإسباني، في نهائي دوري أبطال أوروبا، الذي سيقام في العاصمة الأوكرانية، كييف.');
  });

  it('never skips the lead for a shorter later sentence, whatever the budget', () => {
    for (const story of [CNN_STORY, BBC_STORY, japan?.paragraphs ?? [], china?.paragraphs ?? []]) {
      const lead = summarize(story, { maxSentences: 1 }).split(/\s+/).slice(0, 2).join(' ');
      for (const budget of [3, 5, 8, 12, 20, 30, 40, 60]) {
        assert.ok(summarize(story, { maxWords: budget }).startsWith(lead), `budget ${budget}`);
      }
    }
  });

  it('drops a dateline that stands on a line of its own', () => {
    assert.equal(summarize(['القاهرة/ الأناضول', 'قال وزير الخارجية المصري إن المفاوضات مستمرة.'], DIGEST_LINE), 'قال وزير الخارجية المصري إن المفاوضات مستمرة.');
  });

  it('reads a hard-wrapped story by its sentences, not its broken lines', () => {
    assert.equal(summarize(WRAPPED_LINES, { maxSentences: 1 }), WRAPPED_JOINED[0]);
    assert.equal(summarize(WRAPPED_LINES.join('\n'), { maxSentences: 2 }), WRAPPED_JOINED.slice(0, 2).join(' '));
  });

  it('does not count a lone dash as a word, and fills the budget with words', () => {
    const text = ['جاء في التقرير الجديد ما يلي.', 'يمتد النهر - الأطول في العالم - عبر عشر دول إفريقية من المنبع إلى المصب.'];
    const summary = summarize(text, { maxWords: 13 });
    assert.equal(summary, 'جاء في التقرير الجديد ما يلي. يمتد النهر - الأطول في العالم - عبر عشر…');
    assert.equal(words(summary), 13);
  });

  it('returns an empty summary for text without sentences', () => {
    assert.equal(summarize(['', '...'], CARD_SUMMARY), '');
  });

  it('counts budget words the way readers see them', () => {
    const summary = summarize(china?.paragraphs ?? [], CARD_SUMMARY);
    assert.ok(tokenize(summary).length <= 60);
  });
});

describe('summary scope', () => {
  const repeated = 'أعلنت الحكومة اليوم عن خطة جديدة للاقتصاد تشمل مشاريع في البنية التحتية.';
  const beyond = 'وفي سياق منفصل افتتح المتحف الوطني معرضاً للمخطوطات النادرة بحضور الباحثين.';

  it('draws only on the opening SUMMARY_SCOPE_CHARS characters, however long the page', () => {
    // The lead repeated past the scope, then a new sentence: redundancy would pick it if it were read.
    const paragraphs = [...Array.from({ length: Math.ceil(SUMMARY_SCOPE_CHARS / repeated.length) + 1 }, () => repeated), beyond];
    const summary = summarize(paragraphs, CARD_SUMMARY);
    assert.ok(summary.startsWith(repeated), summary);
    assert.ok(!summary.includes('المتحف'), summary);
  });

  it('reads the same text whole when it fits the scope', () => {
    assert.match(summarize([repeated, repeated, beyond], CARD_SUMMARY), /المتحف/);
  });

  it('cuts a single paragraph longer than the scope at a space, never inside a letter pair', () => {
    const summary = summarize(`${'🇸🇦'.repeat(SUMMARY_SCOPE_CHARS)} ${repeated}`, CARD_SUMMARY);
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(summary), 'no lone surrogate');
  });
});

