import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHardWrapped, unwrapLines } from '../../src/text/unwrap.ts';
import { WRAPPED_JOINED, WRAPPED_LINES } from '../helpers/wrapped.ts';

const ORDINARY = [
  'الصين تشدد القيود على صادرات المعادن النادرة إلى الأسواق العالمية',
  'أعلنت الصين اليوم فرض قيود جديدة على تصدير المعادن النادرة المستخدمة في الصناعات المتقدمة.',
  'وقال مسؤول في وزارة التجارة إن القرار يهدف إلى حماية الأمن القومي.',
  'وتوقع محللون أن ترتفع أسعار هذه المعادن في الأسابيع المقبلة',
];

// A site that leaves out each paragraph's final stop: open lines, but of every length.
const UNPUNCTUATED = [
  'أعلنت وزارة الصحة اليوم عن إطلاق حملة وطنية للتطعيم ضد الإنفلونزا الموسمية تستهدف أكثر من مليوني شخص في مختلف المحافظات خلال الأسابيع الستة المقبلة',
  'وقال المتحدث باسم الوزارة إن الحملة تبدأ بكبار السن',
  'وأضاف أن اللقاحات متوفرة مجانا في جميع المراكز الصحية الحكومية وأن الوزارة خصصت خطا ساخنا للرد على أسئلة المواطنين طوال أيام الأسبوع بما فيها أيام العطل الرسمية',
  'ودعا المواطنين إلى المبادرة بالتطعيم مبكرا',
];

describe('unwrapLines', () => {
  const table: [string, string[], string[]][] = [
    ['joins a story broken at a fixed column width into its sentences', WRAPPED_LINES, WRAPPED_JOINED],
    ['leaves ordinary paragraphs alone, a heading and an unfinished last line included', ORDINARY, ORDINARY],
    ['leaves alone paragraphs that merely lack their final stop', UNPUNCTUATED, UNPUNCTUATED],
    ['drops blank lines and trims', ['', '  جملة أولى كاملة في هذا النص القصير.  ', '\t', 'جملة ثانية.'], ['جملة أولى كاملة في هذا النص القصير.', 'جملة ثانية.']],
    [
      'keeps a line that introduces a list apart from the list',
      [...WRAPPED_LINES.slice(0, 3), 'وجاءت نتائج السباق على النحو التالي:', 'المركز الأول للعداء محمد سالم من نادي الاتحاد', 'المركز الثاني للعداء أحمد علي من نادي الهلال.'],
      [WRAPPED_JOINED[0] ?? '', 'وجاءت نتائج السباق على النحو التالي:', 'المركز الأول للعداء محمد سالم من نادي الاتحاد المركز الثاني للعداء أحمد علي من نادي الهلال.'],
    ],
  ];
  for (const [name, input, expected] of table) it(name, () => assert.deepEqual(unwrapLines(input), expected));

  it('needs most lines of some length to stop mid-sentence, at one width, and at least three of them', () => {
    assert.equal(isHardWrapped(WRAPPED_LINES), true);
    assert.equal(isHardWrapped(ORDINARY), false);
    assert.equal(isHardWrapped(UNPUNCTUATED), false);
    assert.equal(isHardWrapped(WRAPPED_LINES.slice(0, 2)), false);
  });
});
