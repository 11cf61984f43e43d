import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withoutPreamble } from '../../src/text/preamble.ts';

// Opening lines of CNN Arabic stories (ANT corpus, 2018).
const DATELINE = 'دبي، الإمارات العربية المتحدة (CNN) – دك النجم البرتغالي كريستيانو رونالدو حصون نادي جيرونا برباعية.';
const LEAD = 'حذر المحلل العسكري جون كيربي من أن إرسال قوات عربية إلى سوريا قد يؤدي إلى توسيع المواجهة مع إيران.';

describe('withoutPreamble', () => {
  const table: [string, string[], string[]][] = [
    [
      "drops an editor's note above the dateline",
      ['هذا التقرير بقلم عبيدة نفاع، محرر الشؤون الرياضية بموقع CNN بالعربية ولا يعكس بالضرورة رأي أو توجهات الشبكة.', DATELINE],
      [DATELINE],
    ],
    ['drops a bare byline above the dateline', ['هديل غبّون', DATELINE], [DATELINE]],
    ["drops a sponsor's note above the dateline", ['نشر هذا المقال بالتعاون مع موقع التوظيف الإلكتروني بيت.كوم', DATELINE], [DATELINE]],
    [
      'drops a byline with no dateline after it',
      ['هذا المقال بقلم د. عامر السبايلة، والآراء الواردة أدناه تعكس وجهة نظره ولا تعبر بالضرورة عن رأي شبكة CNN.', 'تساؤلات كثيرة فجرتها الاحتجاجات المندلعة في الأردن.'],
      ['تساؤلات كثيرة فجرتها الاحتجاجات المندلعة في الأردن.'],
    ],
    ['drops one line only, and blank lines', ['بقلم الزميل محمد توفيق، CNN', '  ', 'بقلم فلان', DATELINE], ['بقلم فلان', DATELINE]],
    ['keeps a lead above a quote credited to CNN', [LEAD, 'وقال كيربي، في تصريحات لـCNN، إنه "يوجد قلق حقيقي".'], [LEAD, 'وقال كيربي، في تصريحات لـCNN، إنه "يوجد قلق حقيقي".']],
    [
      'keeps a lead above an attribution to an agency',
      [LEAD, 'وأدى ذلك، بحسب وكالة (وام) الرسمية إلى تأخير إقلاع الطائرة لعدة ساعات.'],
      [LEAD, 'وأدى ذلك، بحسب وكالة (وام) الرسمية إلى تأخير إقلاع الطائرة لعدة ساعات.'],
    ],
    ['keeps a byline that is the whole text', ['هذا المقال بقلم كاتب واحد.'], ['هذا المقال بقلم كاتب واحد.']],
    [
      'keeps a lead with "بقلم" further in',
      ['أعلن الكاتب المصري الذي كتب روايته بقلم رصاص فوزه بالجائزة.', 'وقال الكاتب إن الجائزة تكريم لجيله.'],
      ['أعلن الكاتب المصري الذي كتب روايته بقلم رصاص فوزه بالجائزة.', 'وقال الكاتب إن الجائزة تكريم لجيله.'],
    ],
  ];
  for (const [name, lines, expected] of table) it(name, () => assert.deepEqual(withoutPreamble(lines), expected));
});
