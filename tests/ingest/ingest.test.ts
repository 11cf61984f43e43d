import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { contentHash, idForPageLead } from '../../src/ingest/ids.ts';
import { ingestFiles, listPageFiles, MissingPathError, pageOrigin } from '../../src/ingest/ingest.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { tokenize } from '../../src/text/tokenize.ts';
import { pageText, writePages } from '../helpers/pages.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';

async function seeded() {
  const root = await tempDir();
  const seeds = join(root, 'seeds');
  await mkdir(seeds);
  await copyFile(SEED_FILE, join(seeds, 'seed.txt'));
  const repo = await ArticleRepository.open(join(root, 'data'));
  return { root, seeds, repo };
}

describe('ingestFiles', () => {
  it('stores the seed as 2 articles and 9 headline-only items', async () => {
    const { seeds, repo } = await seeded();
    const report = await ingestFiles(await listPageFiles([seeds]), repo);
    assert.deepEqual([report.new, report.updated, report.unchanged, report.rejected.length], [11, 0, 0, 0]);
    const articles = repo.latest(10);
    assert.equal(articles.length, 2);
    assert.deepEqual(articles.map((a) => a.source), ['البوابة نيوز', 'وكالة بلومبرج للأنباء+رويترز']);
    assert.equal([...repo.all()].filter((a) => a.kind === 'headline').length, 9);
  });

  it('marks a title derived from the lead (the page gave none), so search can tell it from a headline', async () => {
    const { seeds, repo } = await seeded();
    await ingestFiles(await listPageFiles([seeds]), repo);
    const [japan, china] = repo.latest(10);
    assert.deepEqual([japan?.derivedTitle, china?.derivedTitle], [true, undefined]);
  });

  it('links the rare-earths headline to the full article instead of duplicating it', async () => {
    const { seeds, repo } = await seeded();
    await ingestFiles([join(seeds, 'seed.txt')], repo);
    const [japan, china] = repo.latest(2);
    const sameTitle = [...repo.all()].filter((a) => a.title === china?.title);
    assert.equal(sameTitle.length, 1);
    assert.ok(japan?.related.includes(china?.id ?? '?'));
    assert.equal(japan?.related.length, 10, 'the other article and 9 headlines');
    assert.ok(!japan?.related.includes(japan.id), 'never itself');
  });

  it('gives stable, URL-safe ids of at most 12 characters', async () => {
    const a = await seeded();
    const b = await seeded();
    await ingestFiles([join(a.seeds, 'seed.txt')], a.repo);
    await ingestFiles([join(b.seeds, 'seed.txt')], b.repo);
    const ids = (r: ArticleRepository) => [...r.all()].map((x) => x.id).sort();
    assert.deepEqual(ids(a.repo), ids(b.repo));
    for (const id of ids(a.repo)) assert.match(id, /^[A-Za-z0-9_-]{1,12}$/);
  });

  it('stores summaries and a one-sentence digest line', async () => {
    const { seeds, repo } = await seeded();
    await ingestFiles([join(seeds, 'seed.txt')], repo);
    const china = await repo.get(repo.latest(2)[1]?.id ?? '?');
    assert.ok(china?.summary.startsWith('أعلنت الصين موافقتها'), 'dateline dropped from the summary');
    assert.ok((china?.summary.split(/\s+/).length ?? 99) <= 61);
    assert.ok(china?.digestLine.endsWith('.'));
  });

  it('opens the card summary and the digest line with a long lead, its CNN dateline dropped', async () => {
    const { seeds, repo } = await seeded();
    const [file] = await writePages(seeds, [{
      paragraphs: [
        'دبي، الإمارات العربية المتحدة (CNN) – قال المتحدث الرسمي باسم تحالف "دعم الشرعية في اليمن"، تركي المالكي، إنه يعتقد أن المنظمات الأممية تعيش تحت الإقامة الجبرية في أحد فنادق صنعاء، وأبرز قضية تجنيد الحوثيين للأطفال في اليمن، ووعد بأن يكون المؤتمر الصحفي القادم للتحالف إذا كان في اليمن، بأحد مدن "مثلث النصر"، وذلك خلال مؤتمر عقده في مدينة مأرب اليمنية، الإثنين.',
        'ولفت إلى أن مراحل علاج الأطفال طويلة.',
      ],
      source: 'CNN بالعربية',
    }]);
    await ingestFiles([file ?? '?'], repo);
    const article = await repo.get(repo.latest(1)[0]?.id ?? '?');
    for (const [text, budget] of [[article?.summary ?? '', 60], [article?.digestLine ?? '', 40]] as const) {
      assert.ok(text.startsWith('قال المتحدث الرسمي باسم تحالف "دعم الشرعية في اليمن"'), text);
      assert.ok(text.endsWith('…'), text);
      assert.ok(tokenize(text).length <= budget, text);
    }
    assert.ok(article?.digestLine.endsWith('وأبرز قضية تجنيد الحوثيين للأطفال في اليمن…'), 'shortened where a clause ends');
  });

  it('replaces summaries stored by an earlier summariser when the page is read again', async () => {
    const { seeds, repo } = await seeded();
    await ingestFiles([join(seeds, 'seed.txt')], repo);
    const china = await repo.get(repo.latest(2)[1]?.id ?? '?');
    assert.ok(china);
    // As an earlier version stored it: a later sentence in place of the lead, the hash over the page alone.
    const stale = { ...china, summary: 'وأكدت وزارة التجارة الصينية الموافقة على الطلبات.', digestLine: 'وأكدت وزارة التجارة الصينية الموافقة على الطلبات.' };
    stale.contentHash = contentHash([stale.kind, stale.title, stale.source, stale.url, stale.keywords, stale.paragraphs]);
    await repo.upsertMany([stale], (_existing, incoming) => ({ article: incoming, change: 'updated' }));
    const report = await ingestFiles([join(seeds, 'seed.txt')], repo);
    assert.ok(report.changedIds.includes(china.id));
    const refreshed = await repo.get(china.id);
    assert.equal(refreshed?.summary, china.summary);
    assert.equal(refreshed?.digestLine, china.digestLine);
    assert.equal(refreshed?.ingestedAt, china.ingestedAt, 'not new again');
  });

  it('is idempotent: the same page twice adds nothing and rewrites nothing', async () => {
    const { root, seeds, repo } = await seeded();
    await ingestFiles([join(seeds, 'seed.txt')], repo);
    const shard = join(root, 'data', 'articles', 'meta');
    const before = await readFile(join(shard, (await import('node:fs')).readdirSync(shard)[0] ?? ''), 'utf8');
    const again = await ingestFiles([join(seeds, 'seed.txt')], repo);
    assert.deepEqual([again.new, again.updated, again.unchanged], [0, 0, 11]);
    const after = await readFile(join(shard, (await import('node:fs')).readdirSync(shard)[0] ?? ''), 'utf8');
    assert.equal(after, before);
  });

  it('updates the articles of a changed page, keeping their ids and first-seen date', async () => {
    const { seeds, repo } = await seeded();
    const file = join(seeds, 'seed.txt');
    await ingestFiles([file], repo, new Date('2026-01-01T00:00:00Z'));
    const [japan] = repo.latest(1);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('وقدم ناكاتاني تعازيه', 'وقدم الوزير ناكاتاني تعازيه'));
    const report = await ingestFiles([file], repo, new Date('2026-01-02T00:00:00Z'));
    assert.equal(report.updated, 1);
    assert.equal(report.new, 0);
    const updated = await repo.get(japan?.id ?? '?');
    assert.ok(updated?.paragraphs.at(-1)?.includes('الوزير ناكاتاني'));
    assert.equal(updated?.publishedAt, '2026-01-01T00:00:00.000Z');
  });

  it('uses the header date when a page has one', async () => {
    const { seeds, repo } = await seeded();
    const file = join(seeds, 'dated.txt');
    await writeFile(file, 'date: 2025-06-07T09:30:00+03:00\nurl: https://example.com/n/1\n\nخبر مؤرخ عن الاقتصاد.\nالمصدر: مصدر\n');
    await ingestFiles([file], repo);
    const [article] = repo.latest(1);
    assert.equal(article?.publishedAt, '2025-06-07T06:30:00.000Z');
    assert.equal(article?.url, 'https://example.com/n/1');
  });

  it('rejects bad pages with their reasons and still loads the good ones', async () => {
    const { seeds, repo } = await seeded();
    await writeFile(join(seeds, 'empty.txt'), '');
    await writeFile(join(seeds, 'binary.txt'), Buffer.from([0, 1, 2, 3]));
    await writeFile(join(seeds, 'latin1.txt'), Buffer.from([0xc7, 0xe1, 0xd5]));
    await writeFile(join(seeds, 'english.txt'), 'no arabic here');
    await writeFile(join(seeds, 'chrome.txt'), 'تابع أحدث الأخبار عبر تطبيق\nالمصدر: لا شيء');
    await writeFile(join(seeds, 'baddate.txt'), 'date: yesterday\n\nخبر بتاريخ غير صالح.');
    const report = await ingestFiles(await listPageFiles([seeds]), repo);
    assert.equal(report.new, 11);
    const reasons = Object.fromEntries(report.rejected.map((r) => [r.file.split('/').pop(), r.reason]));
    assert.deepEqual(Object.keys(reasons).sort(), ['baddate.txt', 'binary.txt', 'chrome.txt', 'empty.txt', 'english.txt', 'latin1.txt']);
    assert.match(reasons['chrome.txt'] ?? '', /no article found/);
    assert.match(reasons['baddate.txt'] ?? '', /not an ISO 8601 date/);
  });

  it('reads a header date without an offset in the given time zone, never the server\'s', async () => {
    const { seeds, repo } = await seeded();
    const dates: [string, string][] = [
      ['2025-06-07T09:30', '2025-06-07T06:30:00.000Z'],
      ['2025-06-07 09:30:15', '2025-06-07T06:30:15.000Z'],
      ['2025-06-07', '2025-06-06T21:00:00.000Z'],
      ['2025-06-07T09:30:00+01:00', '2025-06-07T08:30:00.000Z'],
      ['2025-06-07T09:30:00Z', '2025-06-07T09:30:00.000Z'],
    ];
    const files = await Promise.all(
      dates.map(async ([date], i) => {
        const file = join(seeds, `dated-${i}.txt`);
        await writeFile(file, `date: ${date}\nurl: https://example.com/n/${i}\n\nخبر مؤرخ رقم ${i} عن الاقتصاد.\nالمصدر: مصدر\n`);
        return file;
      }),
    );
    await ingestFiles(files, repo, new Date(), { timeZone: 'Asia/Riyadh' });
    const byUrl = new Map([...repo.all()].map((a) => [a.url, a.publishedAt]));
    dates.forEach(([date, expected], i) => assert.equal(byUrl.get(`https://example.com/n/${i}`), expected, date));
  });

  it('keys a lead article by its path under the seeds folder: two page.txt never collide, top-level ids stay', async () => {
    const { seeds, repo } = await seeded();
    await mkdir(join(seeds, 'الصحة'));
    await mkdir(join(seeds, 'التعليم'));
    await writeFile(join(seeds, 'الصحة', 'page.txt'), pageText({ paragraphs: ['أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في العاصمة يضم ثلاثمئة سرير.'] }));
    await writeFile(join(seeds, 'التعليم', 'page.txt'), pageText({ paragraphs: ['أعلنت وزارة التعليم اليوم موعد بدء العام الدراسي الجديد في جميع المدارس.'] }));
    await writeFile(join(seeds, 'top.txt'), pageText({ paragraphs: ['أعلنت وزارة النقل اليوم تشغيل خط جديد للقطارات بين المدن الكبرى.'] }));
    await ingestFiles(await listPageFiles([seeds]), repo, new Date(), { seedsDir: seeds });
    const origins = [...repo.all()].filter((a) => a.kind === 'article').map((a) => a.origin).sort();
    assert.deepEqual(origins, ['seed.txt', 'seed.txt', 'top.txt', 'التعليم/page.txt', 'الصحة/page.txt']);
    assert.ok(repo.byId(idForPageLead('top.txt')), 'a top-level page keeps the id it always had');
    assert.equal(pageOrigin(join(seeds, 'الصحة', 'page.txt'), seeds), 'الصحة/page.txt');
    assert.equal(pageOrigin('/elsewhere/page.txt', seeds), 'page.txt', 'a page outside the seeds folder: its base name');
  });

  it('updates an article stored when origins were base names, from its page now in a sub-folder', async () => {
    const { seeds, repo } = await seeded();
    await mkdir(join(seeds, 'sports'));
    const file = join(seeds, 'sports', 'page.txt');
    const spec = (extra: string) => ({
      paragraphs: ['أعلن الاتحاد اليوم جدول مباريات الموسم الجديد للدوري المحلي.'],
      readAlso: { title: 'المنتخب يستعد للبطولة القارية', paragraphs: [`بدأ المنتخب الوطني معسكره التدريبي استعداداً للبطولة القارية. ${extra}`] },
    });
    await writeFile(file, pageText(spec('')));
    await ingestFiles([file], repo);
    await writeFile(file, pageText(spec('ويشارك في المعسكر ثلاثون لاعباً.')));
    const report = await ingestFiles([file], repo, new Date(), { seedsDir: seeds });
    const article = [...repo.all()].find((a) => a.title === 'المنتخب يستعد للبطولة القارية');
    assert.equal(report.updated, 1);
    assert.ok((await repo.get(article?.id ?? '?'))?.paragraphs.join(' ').includes('ثلاثون لاعباً'));
  });

  it('refuses a page over 5 MB by its size, without reading it', async () => {
    const { seeds, repo } = await seeded();
    const huge = join(seeds, 'huge.txt');
    // Sparse: 3 GB on paper, nothing on disk. Reading it would fail on Node's 2 GB buffer limit instead.
    await writeFile(huge, '');
    await truncate(huge, 3 * 1024 ** 3);
    const report = await ingestFiles([huge, join(seeds, 'seed.txt')], repo);
    assert.deepEqual(report.rejected, [{ file: huge, reason: `larger than 5 MB (${3 * 1024 ** 3} bytes)` }]);
    assert.equal(report.new, 11, 'the other pages still load');
  });

  it('refuses a path that does not exist', async () => {
    await assert.rejects(listPageFiles(['/no/such/khulasa/path']), MissingPathError);
  });
});
