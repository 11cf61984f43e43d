import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Article } from '../../src/domain.ts';
import { FIELD, toIndexedDoc } from '../../src/search/indexed-doc.ts';

const lead = 'أعلنت وزارة الصحة إطلاق حملة تطعيم ضد الحصبة. وقال الوزير إن الحملة تشمل المدارس كافة.';

function article(title: string, paragraphs: string[], extra: Partial<Article> = {}): Article {
  return {
    id: 'a', kind: 'article', title, keywords: [], related: [], publishedAt: '', ingestedAt: '', updatedAt: '',
    origin: 'test', pageOrder: 0, contentHash: '', paragraphs, summary: '', digestLine: '', ...extra,
  };
}

describe('toIndexedDoc', () => {
  const cases: [what: string, item: Article, title: string[], leadTerms: string[]][] = [
    ['an editor\'s title is the title; no lead field', article('حملة لمكافحة الحصبة', [lead]), ['حمل', 'لمكافح', 'حصب'], []],
    ['a title derived from the lead is left out; the lead sentence is indexed instead', article('أعلنت وزارة الصحة إطلاق حملة تطعيم ضد الحصبة', [lead], { derivedTitle: true }), [], ['اعلنت', 'وزار', 'صحه', 'اطلاق', 'حمل', 'تطعيم', 'حصب']],
    ['an article without a title is known by its lead sentence', article('', [lead, 'فقرة ثانية عن المدارس.']), [], ['اعلنت', 'وزار', 'صحه', 'اطلاق', 'حمل', 'تطعيم', 'حصب']],
    ['a headline-only item has a title and no lead', article('حملة لمكافحة الحصبة', [], { kind: 'headline' }), ['حمل', 'لمكافح', 'حصب'], []],
  ];
  for (const [what, item, title, leadTerms] of cases) {
    it(what, () => {
      const { fields } = toIndexedDoc(item);
      assert.deepEqual(fields[FIELD.title], title);
      assert.deepEqual(fields[FIELD.lead], leadTerms);
    });
  }
});
