// What a page dropped on the playground added, in Arabic, each count in the form Arabic gives it.
// Pure.
import { arabicCount, type CountForms } from '../render-html.ts';

const NEW: CountForms = { one: 'خبر جديد واحد', two: 'خبران جديدان', few: 'أخبار جديدة', many: 'خبراً جديداً', other: 'خبر جديد' };
const UPDATED: CountForms = { one: 'خبر واحد محدّث', two: 'خبران محدّثان', few: 'أخبار محدّثة', many: 'خبراً محدّثاً', other: 'خبر محدّث' };
const UNCHANGED: CountForms = { one: 'خبر واحد دون تغيير', two: 'خبران دون تغيير', few: 'أخبار دون تغيير', many: 'خبراً دون تغيير', other: 'خبر دون تغيير' };

/** "خبران جديدان، ١١ خبراً دون تغيير": the counts that are not zero. */
export function uploadSummary(counts: { added: number; updated: number; unchanged: number }): string {
  const parts = [
    counts.added > 0 ? arabicCount(counts.added, NEW) : '',
    counts.updated > 0 ? arabicCount(counts.updated, UPDATED) : '',
    counts.unchanged > 0 ? arabicCount(counts.unchanged, UNCHANGED) : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('، ') : 'لا أخبار في الملف';
}
