// Seed-format pages for tests, written to a temporary folder.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PageSpec {
  /** Title of the "read also" article; the main article's title is derived from its lead. */
  paragraphs: string[];
  source?: string;
  date?: string;
  url?: string;
  readAlso?: { title: string; paragraphs: string[]; source?: string };
  similar?: string[];
}

export function pageText(spec: PageSpec): string {
  const header = [spec.date ? `date: ${spec.date}` : '', spec.url ? `url: ${spec.url}` : ''].filter(Boolean);
  const lines = [...header, '', 'تابع أحدث الأخبار عبر تطبيق', '', ...spec.paragraphs.flatMap((p) => [p, '']), `المصدر: ${spec.source ?? 'مصدر تجريبي'}`, ''];
  if (spec.readAlso) {
    lines.push('إقرأ أيضاً:', '', spec.readAlso.title, '', ...spec.readAlso.paragraphs.flatMap((p) => [p, '']), `المصدر: ${spec.readAlso.source ?? 'مصدر آخر'}`, '');
  }
  if (spec.similar?.length) lines.push('مقالات مشابهة', '', ...spec.similar.map((s) => `  • ${s}`));
  return lines.join('\n');
}

export async function writePages(dir: string, specs: PageSpec[]): Promise<string[]> {
  return Promise.all(
    specs.map(async (spec, i) => {
      const file = join(dir, `page-${String(i).padStart(3, '0')}.txt`);
      await writeFile(file, pageText(spec));
      return file;
    }),
  );
}
