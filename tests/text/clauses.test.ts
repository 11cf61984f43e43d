import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shortenToWords } from '../../src/text/clauses.ts';
import { tokenize } from '../../src/text/tokenize.ts';

const LEAD = 'دعت أمريكا لعقد جلسة طارئة لمجلس الأمن لمناقشة الهجمات التي نفذتها حركة حماس وفصائل فلسطينية أخرى على إسرائيل، الثلاثاء، وأشارت إلى إمكانية عقد الجلسة بعد ظهر الأربعاء.';

describe('shortenToWords', () => {
  const table: [string, string, number, string | null][] = [
    ['keeps a sentence that fits', LEAD, 40, LEAD],
    ['cuts after a comma (ellipsis in place of the comma)', LEAD, 20, 'دعت أمريكا لعقد جلسة طارئة لمجلس الأمن لمناقشة الهجمات التي نفذتها حركة حماس وفصائل فلسطينية أخرى على إسرائيل، الثلاثاء…'],
    ['cuts before a relative clause (التي)', LEAD, 11, 'دعت أمريكا لعقد جلسة طارئة لمجلس الأمن لمناقشة الهجمات…'],
    ['cuts before حيث', 'يواجه فيلم شكل الماء قضية انتهاك حقوق الملكية الفكرية حيث يزعم أنه استنسخ قصة مسرحية نشرت عام 1969.', 12, 'يواجه فيلم شكل الماء قضية انتهاك حقوق الملكية الفكرية…'],
    ['cuts before بعد أن', 'قال أسطورة كرة القدم دييغو مارادونا إنه بخير بعد أن خضع لفحص طبي خلال مباراة منتخب بلاده أمام نيجيريا.', 10, 'قال أسطورة كرة القدم دييغو مارادونا إنه بخير…'],
    ['cuts before و and a verb', 'اتهمت الحكومة الإسرائيلية إيران بمحاولة الهجوم على أراضيها وأضافت أن الطائرة كانت محملة بالمتفجرات.', 10, 'اتهمت الحكومة الإسرائيلية إيران بمحاولة الهجوم على أراضيها…'],
    ['cuts before an aside between dashes, not inside it', 'وأكد الوزيران في اتصال هاتفي مطول - مجددا - أن المادة الخامسة للمعاهدة الأمنية تسري على جزر سينكاكو.', 8, 'وأكد الوزيران في اتصال هاتفي مطول…'],
    ['cuts at a space when no clause ends near the budget', 'يمتد النهر - الأطول في العالم - عبر عشر دول إفريقية من المنبع إلى المصب.', 7, 'يمتد النهر - الأطول في العالم - عبر عشر…'],
    ['never ends a word cut on a preposition', 'قررت محكمة ألمانية تغريم لاعب وسط برشلونة أرتورو فيدال 800 ألف يورو على خلفية واقعة شهدها ملهى ليلي في ميونيخ.', 19, 'قررت محكمة ألمانية تغريم لاعب وسط برشلونة أرتورو فيدال 800 ألف يورو على خلفية واقعة شهدها ملهى ليلي…'],
    ['never ends a word cut on a particle or a relative', 'قال الرئيس الإيراني حسن روحاني إن الشعب الإيراني لن يذعن للضغوط الأميركية التي تستهدف اقتصاد البلاد.', 6, 'قال الرئيس الإيراني حسن روحاني…'],
    ['returns null when not one word fits', LEAD, 0, null],
  ];
  for (const [name, sentence, budget, expected] of table) {
    it(name, () => {
      const short = shortenToWords(sentence, budget);
      assert.equal(short, expected);
      if (short !== null) assert.ok(tokenize(short).length <= budget);
    });
  }
});
