import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recoverKeywordPhrases } from '../../src/ingest/keyword-phrases.ts';

describe('recoverKeywordPhrases', () => {
  const table: [string, string, string, string[]][] = [
    ['joins words that only ever occur together', 'الولايات المتحدة اليابان ترامب', 'تعاون اليابان والولايات المتحدة. قال ترامب إن الولايات المتحدة قوية. اليابان حليف.', ['الولايات المتحدة', 'اليابان', 'ترامب']],
    ['keeps apart words that meet once but also stand alone', 'اليابان ترامب', 'زار اليابان ترامب. اليابان بلد. ترامب رئيس.', ['اليابان', 'ترامب']],
    ['matches phrases carrying a conjunction', 'المملكة المتحدة فرنسا', 'وقعت فرنسا والمملكة المتحدة اتفاقا.', ['المملكة المتحدة', 'فرنسا']],
    ['rebuilds three-word phrases', 'الأمم المتحدة للطفولة مصر', 'قالت الأمم المتحدة للطفولة إن مصر تقدمت.', ['الأمم المتحدة للطفولة', 'مصر']],
    ['leaves words absent from the text alone', 'اقتصاد سياسة', 'نص لا يذكر شيئا.', ['اقتصاد', 'سياسة']],
    ['drops duplicates', 'مصر مصر', 'مصر.', ['مصر']],
  ];
  for (const [name, line, text, expected] of table) {
    it(name, () => assert.deepEqual(recoverKeywordPhrases(line, text), expected));
  }
});
