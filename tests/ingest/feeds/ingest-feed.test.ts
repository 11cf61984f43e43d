import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DuplicateFinder } from '../../../src/ingest/feeds/dedupe.ts';
import { type FeedIngestDeps, ingestFeed } from '../../../src/ingest/feeds/ingest-feed.ts';
import { fullTextFetcher } from '../../../src/ingest/feeds/full-text.ts';
import { Library } from '../../../src/library.ts';
import { createLogger } from '../../../src/logger.ts';
import { ArticleRepository } from '../../../src/store/article-repository.ts';
import { FeedStateRepository } from '../../../src/store/feed-state.ts';
import { arabicText, rss } from '../../helpers/feed-xml.ts';
import { encodeWindows1256, fixture, startFeedServer } from '../../helpers/feed-server.ts';
import { writePages } from '../../helpers/pages.ts';
import { tempDir } from '../../helpers/tmp.ts';

const logger = createLogger({ level: 'silent', token: 'x' });

async function setup(options: { fullText?: boolean } = {}) {
  const dir = await tempDir();
  const dataDir = join(dir, 'data');
  const repo = await ArticleRepository.open(dataDir);
  const library = Library.open(repo, dataDir, logger);
  const state = await FeedStateRepository.open(dataDir);
  const clock = { now: new Date('2026-11-27T08:00:00Z') };
  const limits = { timeoutMs: 5_000 };
  const deps: FeedIngestDeps = {
    state,
    articles: repo,
    finder: new DuplicateFinder(repo, () => state.links()),
    store: (articles) => library.ingestArticles(articles),
    limits,
    now: () => clock.now,
    random: () => 1,
    ...(options.fullText ? { fullText: fullTextFetcher(limits, () => undefined) } : {}),
  };
  return { dir, dataDir, repo, library, state, clock, deps };
}

describe('ingestFeed', async () => {
  const server = await startFeedServer();

  it('stores an Arabic RSS feed as searchable articles', async () => {
    const { repo, library, deps } = await setup();
    server.serve('/arabic.xml', fixture('arabic-rss.xml'));
    const report = await ingestFeed({ url: server.url('/arabic.xml') }, deps);
    assert.equal(report.status, 'ok');
    assert.equal(report.title, 'وكالة الأنباء التجريبية');
    assert.deepEqual([report.items, report.new, report.updated, report.rejected.length], [2, 2, 0, 0]);
    const [hit] = await library.search('أسعار النفط', 5);
    assert.ok(hit, 'the item is searchable');
    const oil = await repo.get(hit.article.id);
    assert.equal(oil?.url, 'https://news.example/economy/oil-prices?id=17');
    assert.equal(oil?.source, 'وكالة الأنباء التجريبية');
    assert.equal(oil?.publishedAt, '2026-11-26T06:30:00.000Z');
    assert.deepEqual(oil?.keywords, ['اقتصاد', 'نفط']);
    assert.equal(oil?.paragraphs.length, 2);
    assert.ok(!oil?.paragraphs.join(' ').includes('track'), 'scripts dropped');
    const fair = repo.latest(10).find((a) => a.title.startsWith('افتتاح معرض'));
    assert.equal(fair?.teaserOnly, true, 'a description-only item is a teaser');

    const again = await ingestFeed({ url: server.url('/arabic.xml') }, deps);
    assert.deepEqual([again.new, again.updated, again.unchanged], [0, 0, 2], 'reading it again changes nothing');
  });

  it('keeps an item under the same id when the feed changes it', async () => {
    const { repo, deps } = await setup();
    const item = { guid: 'story-1', link: 'https://n.example/1', title: 'انطلاق القمة العربية في الرياض', description: arabicText(1), pubDate: 'Thu, 26 Nov 2026 08:00:00 GMT' };
    server.serve('/changing.xml', rss('مصدر', [item]));
    await ingestFeed({ url: server.url('/changing.xml') }, deps);
    const [first] = repo.latest(5);
    server.serve('/changing.xml', rss('مصدر', [{ ...item, title: 'انطلاق أعمال القمة العربية في الرياض', description: arabicText(2) }]));
    const report = await ingestFeed({ url: server.url('/changing.xml') }, deps);
    assert.deepEqual([report.new, report.updated], [0, 1]);
    assert.equal(repo.size, 1);
    const [updated] = repo.latest(5);
    assert.equal(updated?.id, first?.id);
    assert.equal(updated?.title, 'انطلاق أعمال القمة العربية في الرياض');
  });

  it('makes one article of the same story in two feeds and in a seed page', async () => {
    const { dir, repo, library, deps } = await setup();
    const title = 'الأمطار الغزيرة تغلق الطرق في عدة مدن';
    const [page] = await writePages(dir, [{ paragraphs: [arabicText(5)], readAlso: { title, paragraphs: [arabicText(6)] } }]);
    await library.ingest([page as string]);
    const before = repo.size;
    server.serve('/a.xml', rss('المصدر الأول', [{ guid: 'a-1', link: 'https://first.example/rain?utm_source=a', title, description: arabicText(7) }]));
    server.serve('/b.xml', rss('المصدر الثاني', [{ guid: 'b-99', link: 'https://first.example/rain?utm_source=b', title: 'عاجل: أمطار غزيرة', description: arabicText(8) }]));
    server.serve('/c.xml', rss('المصدر الثالث', [{ guid: 'c-3', link: 'https://third.example/x', title: `${title}.`, description: arabicText(9) }]));
    const reports = [];
    for (const feed of ['/a.xml', '/b.xml', '/c.xml']) {
      deps.finder.reset(); // one poll each: what links the earlier feeds carried is on disk
      reports.push(await ingestFeed({ url: server.url(feed) }, deps));
    }
    assert.equal(repo.size, before, 'no new article: by title (a, c) and by link (b)');
    assert.deepEqual(reports.map((r) => r.new), [0, 0, 0]);
    assert.equal((await library.search('الأمطار الغزيرة', 10)).length, 1);
  });

  it('keeps apart the stories of a feed that links every item to its home page', async () => {
    const { repo, deps } = await setup();
    const titles = ['وزير الصحة يفتتح مستشفى جديداً في الجنوب', 'هطول أمطار غزيرة على المناطق الساحلية', 'ارتفاع صادرات التمور خلال الموسم الحالي'];
    server.serve('/home-links.xml', rss('موقع إخباري', titles.map((title, i) => ({ guid: `h-${i}`, link: 'https://home.example/', title, description: arabicText(i + 20) }))));
    const report = await ingestFeed({ url: server.url('/home-links.xml') }, deps);
    assert.deepEqual([report.new, report.rejected.length], [3, 0]);
    assert.deepEqual(repo.latest(5).map((a) => a.title).sort(), [...titles].sort());
  });

  it('resolves relative item links against where the feed was finally fetched from', async () => {
    const { repo, deps } = await setup();
    server.route('/old-feed.xml', (_req, res) => res.writeHead(301, { location: '/new/feed.xml' }).end());
    server.serve('/new/feed.xml', rss('موقع انتقل', [{ guid: 'r-1', link: 'story/1?utm_campaign=x', title: 'انتقال الموقع الإخباري إلى عنوان جديد', description: arabicText(30) }]));
    await ingestFeed({ url: server.url('/old-feed.xml') }, deps);
    assert.equal(repo.latest(1)[0]?.url, server.url('/new/story/1'));
  });

  it('reads windows-1256 feeds declared by header and by XML declaration', async () => {
    const { repo, deps } = await setup();
    const title = 'تراجع أسعار الذهب مع ارتفاع الدولار';
    const body = (declaration: string) => encodeWindows1256(rss('صحيفة عربية', [{ guid: 'w-1', title, description: 'تراجعت أسعار الذهب اليوم.' }], declaration));
    server.serve('/cp-header.xml', body('<?xml version="1.0"?>'), 'application/rss+xml; charset=windows-1256');
    server.serve('/cp-declared.xml', body('<?xml version="1.0" encoding="windows-1256"?>'), 'text/xml');
    for (const path of ['/cp-header.xml', '/cp-declared.xml']) {
      const report = await ingestFeed({ url: server.url(path) }, deps);
      assert.equal(report.title, 'صحيفة عربية', path);
    }
    assert.deepEqual(repo.latest(5).map((a) => a.title), [title]);
  });

  it('costs nothing on a 304 and keeps the validators', async () => {
    const { repo, state, deps } = await setup();
    let served = 0;
    server.route('/etag.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"v7"') return void res.writeHead(304).end();
      served++;
      res.writeHead(200, { etag: '"v7"', 'content-type': 'application/atom+xml' }).end(fixture('atom.xml'));
    });
    await ingestFeed({ url: server.url('/etag.xml') }, deps);
    const updatedAt = repo.latest(1)[0]?.updatedAt;
    const report = await ingestFeed({ url: server.url('/etag.xml') }, deps);
    assert.equal(report.status, 'not-modified');
    assert.equal(served, 1);
    assert.equal(state.get(server.url('/etag.xml')).etag, '"v7"');
    assert.equal(repo.latest(1)[0]?.updatedAt, updatedAt);
  });

  it('reports a malformed feed with the reason, reached but not read', async () => {
    const { state, deps } = await setup();
    server.serve('/broken.xml', fixture('malformed.xml'), 'text/html');
    const report = await ingestFeed({ url: server.url('/broken.xml') }, deps);
    assert.equal(report.status, 'malformed');
    assert.match(report.error ?? '', /not an RSS, Atom, RDF or JSON feed/);
    assert.match(state.get(server.url('/broken.xml')).lastError?.reason ?? '', /not an RSS/);
  });

  it('backs off after each failure and recovers by itself', async () => {
    const { state, clock, deps } = await setup();
    let requests = 0;
    server.route('/flaky.xml', (_req, res) => {
      requests++;
      if (requests <= 3) return void res.writeHead(503).end();
      res.writeHead(200).end(fixture('rdf.xml'));
    });
    const url = server.url('/flaky.xml');
    const delays: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const report = await ingestFeed({ url }, deps);
      assert.equal(report.status, 'failed');
      assert.equal(report.error, 'HTTP 503 Service Unavailable');
      const s = state.get(url);
      assert.equal(s.failures, i);
      delays.push((Date.parse(s.nextFetchAt ?? '') - clock.now.getTime()) / 60_000);
      clock.now = new Date(s.nextFetchAt ?? '');
    }
    assert.deepEqual(delays, [10, 20, 40], 'minutes, doubling');
    const report = await ingestFeed({ url }, deps);
    assert.equal(report.status, 'ok');
    assert.equal(report.new, 1);
    const s = state.get(url);
    assert.equal(s.failures, 0);
    assert.equal(s.lastError, undefined);
    assert.equal(s.nextFetchAt, undefined);
  });

  it('with full text on, reads the article from its page, and keeps the teaser when that fails', async () => {
    const { repo, deps } = await setup({ fullText: true });
    const page = `<html><head><title>خبر</title></head><body><nav>الرئيسية | رياضة | اقتصاد</nav><article><h1>فوز المنتخب</h1><p>${arabicText(11, 40)}</p><p>${arabicText(12, 40)}</p></article><footer>جميع الحقوق محفوظة</footer></body></html>`;
    server.serve('/story.html', page, 'text/html; charset=utf-8');
    server.serve('/full.xml', rss('رياضة', [
      { guid: 'f-1', link: server.url('/story.html'), title: 'فوز المنتخب الوطني في المباراة النهائية', description: 'فاز المنتخب.' },
      { guid: 'f-2', link: server.url('/missing.html'), title: 'تأجيل مباراة الديربي إلى الأسبوع المقبل', description: 'تأجلت المباراة.' },
    ]));
    await ingestFeed({ url: server.url('/full.xml') }, deps);
    const [win, postponed] = [repo.latest(5).find((a) => a.title.startsWith('فوز')), repo.latest(5).find((a) => a.title.startsWith('تأجيل'))];
    const full = await repo.get(win?.id ?? '');
    assert.equal(full?.teaserOnly, undefined);
    assert.ok(full?.paragraphs.join(' ').includes(arabicText(12, 40)), 'the page text');
    assert.ok(!full?.paragraphs.join(' ').includes('جميع الحقوق'), 'without the page chrome');
    assert.equal(postponed?.teaserOnly, true);
    assert.deepEqual((await repo.get(postponed?.id ?? ''))?.paragraphs, ['تأجلت المباراة.']);
  });
});
