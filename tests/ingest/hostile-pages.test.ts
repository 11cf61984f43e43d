// Property-based: pages generated at random and real pages mutated byte by byte either become
// articles fit to store or are rejected with a reason; nothing throws past pageArticles.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { pack } from '../../src/callback-data.ts';
import type { Article } from '../../src/domain.ts';
import { pageArticles, type PageArticles } from '../../src/ingest/page-articles.ts';
import { shardKeyOf } from '../../src/store/shards.ts';
import { pageText } from '../helpers/pages.ts';
import { SEED_FILE } from '../helpers/tmp.ts';

/** Fixed, so a failure reproduces; FUZZ_SEED=<n> explores other pages. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
/** Pages of a megabyte each: a few are enough to show the cost stays bounded, many would slow npm test. */
const BIG_RUNS = 12;
const counts = { pages: 0, accepted: 0, rejected: 0, articles: 0 };
after(() => {
  if (process.env.FUZZ_REPORT) process.stdout.write(`# hostile pages: ${JSON.stringify(counts)}\n`);
});

const ctx = { origin: 'fuzz.txt', now: '2026-11-27T08:00:00.000Z', timeZone: 'Asia/Riyadh', findIdByTitleKey: () => undefined };
const STORABLE_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function checkArticle(a: Article): void {
  assert.match(a.id, /^[A-Za-z0-9_-]{1,12}$/);
  assert.ok(a.title.trim().length > 0, 'a title');
  assert.match(a.publishedAt, STORABLE_ISO);
  shardKeyOf(a.publishedAt);
  pack({ type: 'open', id: a.id });
  if (a.kind === 'article') assert.ok(a.paragraphs.length > 0 && a.paragraphs.every((p) => p.trim().length > 0), 'paragraphs of text');
  for (const text of [a.title, a.summary, a.digestLine, a.source ?? '', ...a.paragraphs, ...a.keywords]) {
    assert.ok(!text.includes('\u0000'), 'no NUL byte in stored text');
    assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(text), 'no bidi embedding, override or isolate in stored text');
  }
}

/** The property: a result of the documented shape, never an exception. */
function survives(bytes: Uint8Array): void {
  let result: PageArticles;
  try {
    result = pageArticles(bytes, ctx);
  } catch (error) {
    throw new Error(`pageArticles threw past its boundary: ${(error as Error).stack}`);
  }
  counts.pages++;
  if (result.ok) {
    counts.accepted++;
    counts.articles += result.articles.length;
    assert.ok(result.articles.some((a) => a.kind === 'article'), 'at least one full article');
    result.articles.forEach(checkArticle);
  } else {
    counts.rejected++;
    assert.ok(typeof result.reason === 'string' && result.reason.trim().length > 0, 'a reason');
  }
}

const utf8 = (text: string) => new TextEncoder().encode(text);

const BIDI = ['\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u061C'];
const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\uFEFF', '\u00A0', '\u2028', '\u2029', '\u0000', '\t', '\r', '\u000B'];
const STRUCTURE = ['المصدر:', 'المصدر: وكالة', 'اقرأ أيضاً:', 'مقالات مشابهة', 'مقالات ذات صلة', 'كلمات دلالية: اقتصاد، سياسة', '• ', '- ', 'date: 2026-11-27', 'url: https://example.com/x', 'source: مصدر', 'تابع أحدث الأخبار عبر تطبيق'];
const DATES = ['date: +275760-09-13T00:00:00Z', 'date: -000001-01-01T00:00:00Z', 'date: 2026-13-45', 'date: 0000-01-01T00:00:00Z', 'date: 9999-12-31T23:59:59Z', 'date: غداً', 'date: 1e309', 'date: 2026-11-27T08:00:00+14:00'];
const WORDS = ['الحكومة', 'أعلنت', 'اليوم', 'عن', 'خطة', 'جديدة', 'للاقتصاد', 'وقال', 'الوزير', 'إن', 'الصين', 'ٱلْعَرَبِيَّة', 'ﷲ', 'ﻻ', '٣٫٥', '2026', 'Tokyo', 'Москва', '東京', '🇸🇦', '👨‍👩‍👧', 'e\u0301'];
const PUNCTUATION = ['.', '،', '؛', '؟', '!', '…', '«', '»', '"', "'", '(', ')', '[', ']', '-', '—', ':', '*', '/', '\\', '<', '>', '&', '#', '_', '~', '|', '٪', '۔'];

const token = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 1, arbitrary: fc.constantFrom(...BIDI, ...INVISIBLE) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);
const line = fc.oneof(
  { weight: 8, arbitrary: fc.array(token, { maxLength: 40 }).map((t) => t.join(' ')) },
  { weight: 2, arbitrary: fc.constantFrom(...STRUCTURE, ...DATES) },
  { weight: 1, arbitrary: fc.constant('') },
);
const generatedPage = fc.array(line, { maxLength: 60 }).map((lines) => lines.join('\n'));

const realPages = [
  readFileSync(SEED_FILE, 'utf8'),
  pageText({
    date: '2026-11-27T07:00:00+03:00',
    url: 'https://example.com/a',
    paragraphs: ['أعلنت الحكومة اليوم عن خطة جديدة للاقتصاد. وقال الوزير إن الخطة تبدأ غداً.', 'وأضاف أن التمويل مضمون.'],
    readAlso: { title: 'عنوان الخبر الثاني', paragraphs: ['نص الخبر الثاني هنا، وهو قصير.'] },
    similar: ['عنوان مشابه أول', 'عنوان مشابه ثانٍ'],
  }),
];

type Mutation = (bytes: Uint8Array) => Uint8Array;
const at = (bytes: Uint8Array, position: number) => (bytes.length === 0 ? 0 : position % (bytes.length + 1));
const splice = (bytes: Uint8Array, position: number, remove: number, insert: Uint8Array) => {
  const p = at(bytes, position);
  return Uint8Array.from([...bytes.subarray(0, p), ...insert, ...bytes.subarray(Math.min(bytes.length, p + remove))]);
};
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Cut anywhere, also inside a multi-byte letter: truncated UTF-8.
  fc.nat().map((n): Mutation => (b) => b.subarray(0, at(b, n))),
  fc.tuple(fc.nat(), fc.nat({ max: 64 })).map(([n, len]): Mutation => (b) => splice(b, n, len, new Uint8Array())),
  fc.tuple(fc.nat(), fc.constantFrom(...BIDI, ...INVISIBLE, ...PUNCTUATION, ...STRUCTURE.map((s) => `\n${s}\n`), ...DATES.map((d) => `${d}\n`))).map(
    ([n, s]): Mutation => (b) => splice(b, n, 0, utf8(s)),
  ),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([n, raw]): Mutation => (b) => splice(b, n, raw.length, raw)),
  fc.tuple(fc.nat(), fc.nat({ max: 400 })).map(([n, len]): Mutation => (b) => {
    const p = at(b, n);
    return splice(b, p, 0, b.slice(p, p + len));
  }),
  fc.constant<Mutation>((b) => utf8(new TextDecoder().decode(b).split('\n').reverse().join('\n'))),
);
const mutatedPage = fc.tuple(fc.constantFrom(...realPages), fc.array(mutation, { minLength: 1, maxLength: 8 })).map(([page, mutations]) =>
  mutations.reduce<Uint8Array>((bytes, m) => m(bytes), utf8(page)),
);

describe('pages the fuzzer found', () => {
  const page = (text: string) => pageArticles(utf8(text), ctx);

  it('a lead of punctuation alone: the title comes from the first paragraph with words', () => {
    const result = page('.\nأعلنت الحكومة اليوم عن خطة جديدة');
    assert.ok(result.ok);
    assert.equal(result.articles[0]?.title, 'أعلنت الحكومة اليوم عن خطة جديدة');
  });

  it('a right-to-left override opening the page never reaches a stored title', () => {
    const result = page('\u202E\nأعلنت الحكومة اليوم عن خطة جديدة\u202E للاقتصاد');
    assert.ok(result.ok);
    assert.equal(result.articles[0]?.title, 'أعلنت الحكومة اليوم عن خطة جديدة للاقتصاد');
  });

  for (const date of ['+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z']) {
    it(`a header date the store cannot file (${date}) rejects the page with a reason`, () => {
      assert.deepEqual(page(`date: ${date}\n\nأعلنت الحكومة اليوم عن خطة جديدة`), { ok: false, reason: `header "date: ${date}" is outside the years 0000–9999` });
    });
  }
});

describe('hostile pages (fast-check)', () => {
  it('generated pages of Arabic, other scripts, bidi controls, invisible characters and page structure', () => {
    fc.assert(fc.property(generatedPage, (text) => survives(utf8(text))), { seed: SEED, numRuns: 4_000 });
  });

  it('real pages mutated: cut mid-letter, NUL and stray bytes, bidi controls, structure lines, hostile dates', () => {
    fc.assert(fc.property(mutatedPage, survives), { seed: SEED, numRuns: 4_000 });
  });

  it('pages of punctuation only, with and without one Arabic word', () => {
    const punctuationOnly = fc.tuple(fc.array(fc.constantFrom(...PUNCTUATION, ' ', '\n'), { maxLength: 500 }), fc.boolean());
    fc.assert(fc.property(punctuationOnly, ([chars, withWord]) => survives(utf8(`${withWord ? 'خبر ' : ''}${chars.join('')}`))), { seed: SEED, numRuns: 1_000 });
  });

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2_000 }), survives), { seed: SEED, numRuns: 1_000 });
  });

  it('1 MB lines: one paragraph without a sentence end, and one of sentences', () => {
    const MB = 1024 * 1024;
    // The property receives the recipe, not the megabyte, so a failure prints a readable example.
    const recipe = fc.tuple(fc.array(fc.constantFrom(...WORDS, ...PUNCTUATION, ...BIDI), { minLength: 1, maxLength: 30 }), fc.constantFrom(' ', '. ', '\n'));
    const bigPage = ([words, separator]: [string[], string]) => {
      const unit = `${words.join(' ')}${separator}`;
      return utf8(`خبر ${unit.repeat(Math.ceil(MB / Math.max(1, utf8(unit).length)))}`);
    };
    fc.assert(fc.property(recipe, (r) => survives(bigPage(r))), { seed: SEED, numRuns: BIG_RUNS });
  });

  it('were at least 10,000 pages in all', () => {
    assert.ok(counts.pages >= 10_000, `${counts.pages} pages`);
  });
});
