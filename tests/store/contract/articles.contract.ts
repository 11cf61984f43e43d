// What every ArticleStore promises, whatever keeps the articles: run against lowdb and PostgreSQL
// by articles.test.ts, so both backends answer the same.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Article } from '../../../src/domain.ts';
import { mergeArticle } from '../../../src/ingest/merge.ts';
import type { ArticleStore, SummaryMaker } from '../../../src/store/stores.ts';
import { openingTerms } from '../../../src/text/opening-terms.ts';
import { storedArticle as article } from '../../helpers/articles.ts';

export interface ArticleBackend {
  /** A store on new, empty storage. */
  open(): Promise<ArticleStore>;
  /** Another store on the same storage, as a restart (or another instance) sees it. */
  reopen(): Promise<ArticleStore>;
}

/** An article as a store gives it back: a full article's details carry its opening words' terms. */
const asStored = (a: Article): Article => {
  const terms = a.kind === 'article' ? openingTerms(a.paragraphs) : undefined;
  return terms ? { ...a, openingTerms: terms } : a;
};
const ids = (metas: Iterable<{ id: string }>) => [...metas].map((a) => a.id);
const headline = (n: number, day = '2026-03-01'): Article => ({ ...article(n, day), kind: 'headline', paragraphs: [], summary: '', digestLine: '' });

export function articleStoreContract(name: string, backend: () => Promise<ArticleBackend>, skip: string | false = false): void {
  describe(`ArticleStore contract: ${name}`, { skip }, () => {
    it('reports created, unchanged and updated as mergeArticle decides', async () => {
      const store = await (await backend()).open();
      assert.deepEqual(await store.upsertMany([article(1), article(2)], mergeArticle), { created: ['id1', 'id2'], updated: [], unchanged: [] });
      assert.deepEqual(await store.upsertMany([article(1)], mergeArticle), { created: [], updated: [], unchanged: ['id1'] });
      assert.deepEqual((await store.get('id1'))?.paragraphs, ['فقرة 1']);
      const edited = { ...article(1), paragraphs: ['فقرة معدلة'], contentHash: 'h1b', updatedAt: '2026-03-02T00:00:00.000Z' };
      assert.deepEqual(await store.upsertMany([edited], mergeArticle), { created: [], updated: ['id1'], unchanged: [] });
      assert.deepEqual((await store.get('id1'))?.paragraphs, ['فقرة معدلة']);
      assert.deepEqual(await store.upsertMany([headline(2)], mergeArticle), { created: [], updated: [], unchanged: ['id2'] }, 'a headline never downgrades an article');
    });

    it("keeps the opening words' terms with the body, never with the metadata in memory", async () => {
      const { open, reopen } = await backend();
      const store = await open();
      const a = { ...article(1), paragraphs: ['أعلنت الصين', 'موافقتها اليوم'] };
      await store.upsertMany([a], mergeArticle);
      for (const s of [store, await reopen()]) {
        assert.deepEqual((await s.get(a.id))?.openingTerms, openingTerms(a.paragraphs));
        const meta = s.byId(a.id);
        assert.ok(meta);
        assert.equal(Object.hasOwn(meta, 'openingTerms'), false);
      }
    });

    it('keeps the body when another page only adds links to an article', async () => {
      const store = await (await backend()).open();
      await store.upsertMany([article(1)], mergeArticle);
      const quoted = { ...article(1), origin: 'other.txt', related: ['id9'], paragraphs: [], contentHash: 'hx', updatedAt: '2026-03-05T00:00:00.000Z' };
      assert.deepEqual((await store.upsertMany([quoted], mergeArticle)).updated, ['id1']);
      const stored = await store.get('id1');
      assert.deepEqual(stored?.related, ['id9']);
      assert.deepEqual(stored?.paragraphs, ['فقرة 1'], 'the first page owns the content');
      assert.equal(stored?.updatedAt, '2026-03-05T00:00:00.000Z');
    });

    it('makes stale summaries again from the body, and changes nothing else of the article', async () => {
      const { open, reopen } = await backend();
      const store = await open();
      const current = { ...article(2), summaryStamp: 'S2' };
      await store.upsertMany([article(1), current, headline(3)], mergeArticle);
      const maker: SummaryMaker = { stamp: 'S2', make: (p) => ({ summary: `ملخص جديد: ${p.join(' ')}`, digestLine: `سطر جديد: ${p.join(' ')}` }) };
      const report = await store.refreshSummaries(['id1', 'id2', 'id3', 'missing'], maker);
      assert.deepEqual(report, { refreshed: ['id1'], skipped: [] }, 'a current stamp, a headline and an unknown id are left alone');
      for (const s of [store, await reopen()]) {
        assert.deepEqual(await s.get('id1'), asStored({ ...article(1), summary: 'ملخص جديد: فقرة 1', digestLine: 'سطر جديد: فقرة 1', summaryStamp: 'S2' }));
        assert.deepEqual(await s.get('id2'), asStored(current));
        assert.deepEqual(ids(s.latest(5)), ['id1', 'id2']);
      }
      assert.deepEqual(await store.refreshSummaries(['id1', 'id2'], maker), { refreshed: [], skipped: [] }, 'a second refresh has nothing to do');
      assert.deepEqual(await store.upsertMany([article(1)], mergeArticle), { created: [], updated: [], unchanged: ['id1'] }, 'the content hash is the one stored');
    });

    it('writes the summaries an update carries when their stamp differs, though the content is the same', async () => {
      const { open, reopen } = await backend();
      const store = await open();
      await store.upsertMany([{ ...article(1), summaryStamp: 'old' }], mergeArticle);
      const relinked = { ...article(1), related: ['id9'], summary: 'ملخص أحدث', digestLine: 'سطر أحدث', summaryStamp: 'new', updatedAt: '2026-03-05T00:00:00.000Z' };
      assert.deepEqual((await store.upsertMany([relinked], mergeArticle)).updated, ['id1']);
      const stored = await (await reopen()).get('id1');
      assert.equal(stored?.summary, 'ملخص أحدث');
      assert.equal(stored?.summaryStamp, 'new');
    });

    it('merges repeats of one article within a batch in order', async () => {
      const { open, reopen } = await backend();
      const store = await open();
      const second = { ...article(1), paragraphs: ['الثانية'], contentHash: 'h1b' };
      assert.deepEqual(await store.upsertMany([article(1), second], mergeArticle), { created: ['id1'], updated: ['id1'], unchanged: [] });
      assert.equal(store.size, 1);
      assert.deepEqual((await store.get('id1'))?.paragraphs, ['الثانية']);
      assert.deepEqual((await (await reopen()).get('id1'))?.paragraphs, ['الثانية']);
    });

    it('lists full articles newest first, pages through them, and counts headlines apart', async () => {
      const store = await (await backend()).open();
      const sameTime = (n: number, origin: string, pageOrder: number) => ({ ...article(n, '2026-03-04'), origin, pageOrder });
      await store.upsertMany([article(1, '2026-03-01'), article(2, '2026-03-03'), headline(3, '2026-03-05'), sameTime(5, 'b.txt', 0), sameTime(4, 'a.txt', 1), sameTime(6, 'a.txt', 0)], mergeArticle);
      assert.deepEqual(ids(store.latest(10)), ['id6', 'id4', 'id5', 'id2', 'id1'], 'date, then origin, then page order');
      assert.deepEqual(ids(store.latest(2, 2)), ['id5', 'id2']);
      assert.deepEqual(store.latest(5, 10), []);
      assert.equal(store.articleCount, 5);
      assert.equal(store.size, 6);
      assert.deepEqual(ids(store.all()).sort(), ['id1', 'id2', 'id3', 'id4', 'id5', 'id6']);
      assert.equal(store.byId('id3')?.kind, 'headline');
      await store.upsertMany([article(7, '2026-03-06')], mergeArticle);
      assert.deepEqual(ids(store.latest(2)), ['id7', 'id6'], 'a new article comes first at once');
    });

    it('returns an article with its body, a headline with none, and nothing for an unknown id', async () => {
      const store = await (await backend()).open();
      await store.upsertMany([article(1), headline(2)], mergeArticle);
      assert.deepEqual(await store.get('id1'), asStored(article(1)));
      assert.deepEqual(await store.get('id2'), headline(2));
      assert.equal(await store.get('missing'), undefined);
      assert.equal(store.byId('missing'), undefined);
    });

    it('streams every article with its body', async () => {
      const store = await (await backend()).open();
      const stored = [article(1), article(2, '2026-03-02'), headline(3), article(4, '2026-04-01')];
      await store.upsertMany(stored, mergeArticle);
      const streamed: Article[] = [];
      for await (const a of store.articlesWithBodies()) streamed.push(a);
      assert.deepEqual(streamed.sort((a, b) => a.id.localeCompare(b.id)), stored.map(asStored));
    });

    it('moves an article whose publication day changes', async () => {
      const { open, reopen } = await backend();
      const store = await open();
      await store.upsertMany([article(1)], mergeArticle);
      const moved = { ...article(1, '2026-05-05'), contentHash: 'changed', paragraphs: ['نقلت'], ingestedAt: '2026-01-01T00:00:00.000Z' };
      await store.upsertMany([moved], mergeArticle);
      const reopened = await reopen();
      assert.equal(reopened.size, 1);
      assert.equal((await reopened.get('id1'))?.publishedAt, '2026-05-05T10:00:00.000Z');
      assert.deepEqual((await reopened.get('id1'))?.paragraphs, ['نقلت']);
      assert.deepEqual(await reopened.removePublishedBefore('2026-05-05'), [], 'retention finds it on its new day');
    });

    it('removes whole UTC days before the cutoff and keeps the rest', async () => {
      const { open, reopen } = await backend();
      const store = await open();
      const lateNight = { ...article(4, '2026-03-03'), publishedAt: '2026-03-03T01:00:00+03:00' };
      await store.upsertMany([article(1, '2026-03-01'), headline(2, '2026-03-02'), article(3, '2026-03-03'), lateNight], mergeArticle);
      assert.deepEqual((await store.removePublishedBefore('2026-03-03')).sort(), ['id1', 'id2', 'id4'], 'one in the morning at UTC+3 is the day before in UTC');
      assert.deepEqual(ids(store.latest(5)), ['id3']);
      assert.equal(await store.get('id1'), undefined);
      assert.equal(store.size, 1);
      assert.deepEqual(ids((await reopen()).all()), ['id3']);
      assert.deepEqual(await store.removePublishedBefore('2026-03-03'), [], 'nothing more to remove');
    });

    it('loses nothing under many concurrent batches', async () => {
      const { open, reopen } = await backend();
      const store = await open();
      const days = ['2026-03-01', '2026-03-02', '2026-03-03'];
      await Promise.all(Array.from({ length: 60 }, (_, i) => store.upsertMany([article(i, days[i % 3]), article(i + 100, days[i % 3])], mergeArticle)));
      await store.flush();
      const reopened = await reopen();
      assert.equal(reopened.size, 120);
      for (let i = 0; i < 60; i += 7) assert.deepEqual((await reopened.get(`id${i + 100}`))?.paragraphs, [`فقرة ${i + 100}`]);
    });

    it('stores an empty batch, and one of thousands, whole', async () => {
      const { open, reopen } = await backend();
      const store = await open();
      assert.deepEqual(await store.upsertMany([], mergeArticle), { created: [], updated: [], unchanged: [] });
      const many = Array.from({ length: 2_100 }, (_, i) => article(i));
      assert.equal((await store.upsertMany(many, mergeArticle)).created.length, 2_100);
      const reopened = await reopen();
      assert.equal(reopened.size, 2_100);
      assert.deepEqual(await reopened.get('id2099'), asStored(article(2099)));
    });

    it('reopens to the same articles, order and bodies', async () => {
      const { open, reopen } = await backend();
      const store = await open();
      await store.upsertMany([article(1), article(2, '2026-03-02'), headline(3)], mergeArticle);
      const reopened = await reopen();
      assert.equal(reopened.size, 3);
      assert.equal(reopened.articleCount, 2);
      assert.deepEqual(ids(reopened.latest(5)), ['id2', 'id1']);
      assert.deepEqual(await reopened.get('id2'), asStored(article(2, '2026-03-02')));
      assert.deepEqual(reopened.byId('id3'), store.byId('id3'));
    });

    for (const [what, text] of [
      ['diacritics and tatweel', 'إِنَّ الـمـعـرفـةَ نُورٌ'],
      ['hamzas, alef maqsura and ta marbuta', 'مسؤولية، رئاسة، مستشفى، مدرسة'],
      ['zero-width joiners and direction marks', 'كلمة\u200cمفصولة \u200fنص\u200e mixed'],
      ['Arabic-Indic digits and an emoji', 'العدد ٤٢ والنسبة ٪١٥ 📰'],
    ] as const) {
      it(`keeps Arabic text exactly: ${what}`, async () => {
        const { open, reopen } = await backend();
        const stored: Article = { ...article(1), title: text, keywords: [text], paragraphs: [text, `${text}.`], summary: text, digestLine: text, source: text };
        await (await open()).upsertMany([stored], mergeArticle);
        const reopened = await reopen();
        assert.deepEqual(await reopened.get('id1'), asStored(stored));
        assert.equal(reopened.byId('id1')?.title, text);
      });
    }
  });
}
