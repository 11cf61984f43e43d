import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uploadSummary } from '../../src/playground/upload-summary.ts';

describe('uploadSummary: what a dropped page added, each count in its Arabic form', () => {
  const table: [{ added: number; updated: number; unchanged: number }, string][] = [
    [{ added: 1, updated: 0, unchanged: 0 }, 'خبر جديد واحد'],
    [{ added: 2, updated: 0, unchanged: 0 }, 'خبران جديدان'],
    [{ added: 3, updated: 0, unchanged: 0 }, '٣ أخبار جديدة'],
    [{ added: 11, updated: 0, unchanged: 0 }, '١١ خبراً جديداً'],
    [{ added: 100, updated: 0, unchanged: 0 }, '١٠٠ خبر جديد'],
    [{ added: 0, updated: 1, unchanged: 0 }, 'خبر واحد محدّث'],
    [{ added: 0, updated: 7, unchanged: 0 }, '٧ أخبار محدّثة'],
    [{ added: 2, updated: 0, unchanged: 12 }, 'خبران جديدان، ١٢ خبراً دون تغيير'],
    [{ added: 0, updated: 2, unchanged: 1 }, 'خبران محدّثان، خبر واحد دون تغيير'],
    [{ added: 0, updated: 0, unchanged: 0 }, 'لا أخبار في الملف'],
  ];
  for (const [counts, text] of table) it(`${JSON.stringify(counts)} → ${text}`, () => assert.equal(uploadSummary(counts), text));
});
