import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mergeArticle } from '../../src/ingest/merge.ts';
import { createLogger } from '../../src/logger.ts';
import { INDEX_FILE, loadOrBuildIndex } from '../../src/search/build-index.ts';
import { encodeIndexFile } from '../../src/search/index-file.ts';
import { INDEX_FORMAT } from '../../src/search/search-index.ts';
import { processTerm } from '../../src/text/analyze.ts';
import { normalize } from '../../src/text/normalize.ts';
import { rootStem } from '../../src/text/stem.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { seedArticles } from '../helpers/seed-articles.ts';
import { tempDir } from '../helpers/tmp.ts';

// The index file holds analysed terms, so a file written under another analysis would meet new
// query terms with old ones. INDEX_FORMAT names the analysis: when a row below fails, analysis has
// changed, so bump INDEX_FORMAT (a start then rebuilds the index) and record the new terms here.
const FORMAT = 6;
const TERMS: [string, string][] = [
  ['الإلغاء', 'غاء'], // format 6: clitic-like letters after the article are the word's own
  ['إلغاء', 'غاء'],
  ['بالألمانية', 'ماني'],
  ['الالتزام', 'تزام'],
  ['الكالسيوم', 'سيوم'],
  ['والمعادن', 'معادن'],
  ['وزير', 'وزير'],
  ['الفلسطينيين', 'فلسط'],
  ['وظيفتها', 'وظيف'],
  ['ناكاتاني', 'ناكاتاني'],
  ['الرسمية', 'رسمي'], // format 6: the relative ending stays on a three-letter word
  ['الولايات', 'ولاي'],
];

/** The low-weight roots field is stored too. */
const ROOTS: [string, string][] = [
  ['روسيا', 'روس'], // format 6: "يا" is one weak ending
  ['الروسي', 'روس'],
  ['يكتب', 'كتب'],
  ['لمشروع', 'مشروع'], // format 6: a bare ل is read off
  ['لبنان', 'بنن'],
];

describe('index format', () => {
  it(`format ${FORMAT} stores these terms`, () => {
    assert.equal(INDEX_FORMAT, FORMAT);
    for (const [word, term] of TERMS) assert.equal(processTerm(normalize(word)), term, word);
    for (const [word, root] of ROOTS) assert.equal(rootStem(normalize(word)), root, word);
  });

  it('a start rebuilds an index the previous format wrote', async () => {
    const dir = await tempDir();
    const repo = await ArticleRepository.open(dir);
    await repo.upsertMany(seedArticles(), mergeArticle);
    const { index } = await loadOrBuildIndex(repo, dir, createLogger({ level: 'silent' }));
    const snapshot = { ...index.snapshot(), format: INDEX_FORMAT - 1 };
    await writeFile(join(dir, INDEX_FILE), encodeIndexFile({ snapshot, versions: snapshot.postings.ids.map((id) => repo.byId(id)?.updatedAt ?? '') }));
    const again = await loadOrBuildIndex(repo, dir, createLogger({ level: 'silent' }));
    assert.equal(again.rebuilt, true);
    assert.equal(again.index.size, index.size);
  });
});
