import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitSentences } from '../../src/text/sentences.ts';

describe('splitSentences', () => {
  const table: [string, string, string[]][] = [
    ['splits on . ؟ ! ؛', 'جاء الوزير. هل وصل؟ نعم! ثم غادر؛ وانتهى', ['جاء الوزير.', 'هل وصل؟', 'نعم!', 'ثم غادر؛', 'وانتهى']],
    ['keeps decimals such as 2.5 whole', 'نما الاقتصاد 2.5 بالمئة. وتراجع التضخم.', ['نما الاقتصاد 2.5 بالمئة.', 'وتراجع التضخم.']],
    ['keeps closing quotes with their sentence', 'قال: “انتهى الأمر.” ثم غادر.', ['قال: “انتهى الأمر.”', 'ثم غادر.']],
    ['keeps a quote ended after the stop', 'قال إن “المعادن النادرة”. ومن المقرر ذلك.', ['قال إن “المعادن النادرة”.', 'ومن المقرر ذلك.']],
    ['does not split after a one-letter abbreviation', 'قال د. أحمد إن الوضع مستقر.', ['قال د. أحمد إن الوضع مستقر.']],
    ['treats list bullets and lines as sentences', '• البند الأول\n• البند الثاني', ['البند الأول', 'البند الثاني']],
    ['keeps an ellipsis with its sentence', 'انتظر… ثم قرر.', ['انتظر…', 'ثم قرر.']],
    ['splits where a stop has lost its space before an Arabic word', 'يرجعه البعض إلى نوح.و تعني كلمة العود الخشب .فالعود آلة وترية', ['يرجعه البعض إلى نوح.', 'و تعني كلمة العود الخشب .', 'فالعود آلة وترية']],
    ['keeps a glued one-letter abbreviation', 'قال د.أحمد إن الوضع مستقر.', ['قال د.أحمد إن الوضع مستقر.']],
    ['does not split a web address or a number', 'زوروا www.example.com لمعرفة 3.5 مليون.', ['زوروا www.example.com لمعرفة 3.5 مليون.']],
    ['drops punctuation-only pieces', '... . !', []],
  ];
  for (const [name, input, expected] of table) it(name, () => assert.deepEqual(splitSentences(input), expected));
});
