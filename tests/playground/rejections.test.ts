import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arabicReason } from '../../src/playground/rejections.ts';
import { decodePage } from '../../src/ingest/validate-page.ts';

describe('arabicReason', () => {
  // Reasons as ingestion gives them, from the real checks where a page can be made for them.
  const reasonOf = (bytes: Uint8Array) => {
    const page = decodePage(bytes);
    assert.equal(page.ok, false);
    return (page as { reason: string }).reason;
  };
  const table: [string, string][] = [
    [reasonOf(new Uint8Array()), 'الملف فارغ'],
    [reasonOf(Buffer.from('   \n')), 'الملف لا يحوي إلا مسافات فارغة'],
    [reasonOf(Buffer.from([0x61, 0, 0x62])), 'الملف ثنائي وليس نصًا (فيه بايتات NUL)'],
    [reasonOf(Buffer.from([0xd8, 0xa7, 0xff])), 'الملف ليس نصًا بترميز UTF-8'],
    [reasonOf(Buffer.from('English only')), 'لا نص عربيًا في الملف'],
    [reasonOf(new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41)), 'الملف أكبر من 5 ميغابايت'],
    ['no article found: the page has no paragraphs of text', 'لم يُعثر على خبر: لا فقرات نصية في الصفحة'],
    ['unreadable: EACCES', 'تعذّرت قراءة الملف (unreadable: EACCES)'],
  ];
  for (const [reason, arabic] of table) it(`says "${reason}" as «${arabic}»`, () => assert.equal(arabicReason(reason), arabic));
});
