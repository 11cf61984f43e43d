// Why a dropped page was refused, in Arabic: ingestion's reasons are English for operators' logs;
// a reader of the page sees the same reason in their language. Pure.

const REASONS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^empty file \(only whitespace\)/, () => 'الملف لا يحوي إلا مسافات فارغة'],
  [/^empty file/, () => 'الملف فارغ'],
  [/^larger than (\d+) MB/, (m) => `الملف أكبر من ${m[1]} ميغابايت`],
  [/^binary file/, () => 'الملف ثنائي وليس نصًا (فيه بايتات NUL)'],
  [/^not UTF-8/, () => 'الملف ليس نصًا بترميز UTF-8'],
  [/^no Arabic text/, () => 'لا نص عربيًا في الملف'],
  [/^no article found/, () => 'لم يُعثر على خبر: لا فقرات نصية في الصفحة'],
];

export function arabicReason(reason: string): string {
  for (const [pattern, say] of REASONS) {
    const m = pattern.exec(reason);
    if (m) return say(m);
  }
  return `تعذّرت قراءة الملف (${reason})`;
}
