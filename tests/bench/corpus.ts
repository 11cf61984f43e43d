// Deterministic generator of realistic-looking Arabic news for benchmarks: words follow a Zipf
// distribution over a vocabulary built from real seed words plus root-and-pattern derivations
// with clitics, the way Arabic text really varies, so the analyzer and index see true-to-life input.
import { readFileSync } from 'node:fs';
import { tokenize } from '../../src/text/tokenize.ts';

/** Mulberry32: small, fast, seedable; benchmarks must generate the same corpus every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'بتثجحخدذرزسشصضطظعغفقكلمنهوي';
// Patterns over a three-letter root: ف ع ل stand for the root letters.
const PATTERNS = ['فعل', 'فاعل', 'مفعول', 'تفعيل', 'استفعال', 'مفاعله', 'افتعال', 'فعال', 'فعيل', 'تفاعل', 'مفعل', 'انفعال', 'فعلاء', 'افعال'];
const PREFIXES = ['', '', '', 'ال', 'ال', 'و', 'وال', 'بال', 'لل', 'ب'];
const SUFFIXES = ['', '', '', 'ة', 'ات', 'ون', 'ين', 'ي', 'ية', 'ها', 'هم'];
const FUNCTION_WORDS = ['في', 'من', 'على', 'إلى', 'أن', 'عن', 'مع', 'التي', 'الذي', 'هذا', 'هذه', 'بين', 'بعد', 'قبل', 'كما', 'وقد', 'خلال', 'حيث', 'كان', 'قال'];

const SEED_PAGE = new URL('../../seeds/000_c2fac78030c50e0e.txt', import.meta.url);

export interface Vocabulary {
  words: string[];
  /** Cumulative Zipf weights, for sampling by binary search. */
  cumulative: Float64Array;
}

/** A vocabulary of `size` distinct words, ranked by frequency (function words first). */
export function buildVocabulary(size: number, random: () => number): Vocabulary {
  const seedWords = [...new Set(readFileSync(SEED_PAGE, 'utf8').split(/[^\p{L}]+/u).filter((w) => w.length > 1))];
  const words = new Set<string>([...FUNCTION_WORDS, ...seedWords]);
  while (words.size < size) {
    const root = Array.from({ length: 3 }, () => LETTERS[Math.floor(random() * LETTERS.length)] as string);
    const pattern = PATTERNS[Math.floor(random() * PATTERNS.length)] as string;
    const stem = pattern.replace('ف', root[0] as string).replace('ع', root[1] as string).replace('ل', root[2] as string);
    const prefix = PREFIXES[Math.floor(random() * PREFIXES.length)] as string;
    const suffix = SUFFIXES[Math.floor(random() * SUFFIXES.length)] as string;
    words.add(prefix + stem + suffix);
  }
  const list = [...words];
  const cumulative = new Float64Array(list.length);
  let total = 0;
  // Zipf with exponent 1: the shape of word frequencies in news text.
  for (let i = 0; i < list.length; i++) cumulative[i] = total += 1 / (i + 1);
  for (let i = 0; i < list.length; i++) cumulative[i] = (cumulative[i] as number) / total;
  return { words: list, cumulative };
}

export function sampleWord(vocab: Vocabulary, random: () => number): string {
  const x = random();
  let lo = 0;
  let hi = vocab.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((vocab.cumulative[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return vocab.words[lo] as string;
}

function sentence(vocab: Vocabulary, random: () => number, min: number, max: number): string {
  const n = min + Math.floor(random() * (max - min + 1));
  return Array.from({ length: n }, () => sampleWord(vocab, random)).join(' ');
}

export interface GeneratedArticle {
  title: string;
  paragraphs: string[];
}

export function generateArticle(vocab: Vocabulary, random: () => number): GeneratedArticle {
  const paragraphs = Array.from({ length: 4 + Math.floor(random() * 6) }, () =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, () => `${sentence(vocab, random, 8, 30)}.`).join(' '),
  );
  return { title: sentence(vocab, random, 6, 12), paragraphs };
}

/** Share of "similar articles" that name an article the site already published, as real sites do. */
const SIMILAR_KNOWN = 0.8;

/**
 * A page in the seed format: dated header, main article, one "read also" article, similar
 * headlines. `published` collects titles so later pages can point at earlier articles.
 */
export function generatePage(vocab: Vocabulary, random: () => number, date: Date, published: string[] = []): string {
  const main = generateArticle(vocab, random);
  const also = generateArticle(vocab, random);
  const similar = Array.from({ length: 5 }, () => {
    const known = published.length > 0 && random() < SIMILAR_KNOWN;
    return `  • ${known ? published[Math.floor(random() * published.length)] : sentence(vocab, random, 6, 12)}`;
  });
  published.push(also.title);
  return [
    `date: ${date.toISOString()}`,
    '',
    'تابع أحدث الأخبار عبر تطبيق',
    '',
    ...main.paragraphs.flatMap((p) => [p, '']),
    `المصدر: ${sampleWord(vocab, random)} نيوز`,
    '',
    `كلمات دلالية: ${tokenize(main.title).slice(0, 3).join(' ')}`,
    '',
    'إقرأ أيضاً:',
    '',
    also.title,
    '',
    ...also.paragraphs.flatMap((p) => [p, '']),
    `المصدر: ${sampleWord(vocab, random)}`,
    '',
    'مقالات مشابهة',
    '',
    ...similar,
  ].join('\n');
}
