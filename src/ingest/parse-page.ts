// Seed page text → articles and headlines. Pure: no ids, dates or summaries (ingest adds those).
import type { PageHeader, ParsedArticle, ParsedPage } from '../domain.ts';
import { cleanDisplayText, normalize } from '../text/normalize.ts';
import { unwrapLines } from '../text/unwrap.ts';
import { deriveTitle } from './derive-title.ts';
import { recoverKeywordPhrases } from './keyword-phrases.ts';

// Line patterns are matched on normalised text, so hamza, tanween and spacing variants all match.
const SOURCE_LINE = /^المصدر\s*[:：]\s*(.*)$/u;
const KEYWORDS_LINE = /^كلمات دلاليه\s*[:：]\s*(.*)$/u;
const READ_ALSO_LINE = /^(?:اقرا|اقرء)\s+ايضا\s*[:：]?\s*$/u;
const SIMILAR_LINE = /^مقالات (?:مشابهه|ذات صله)\s*[:：]?\s*$/u;
const BULLET = /^[•·●▪◦*\-–]\s*/u;
/** A title or headline needs a letter or a digit: punctuation alone names nothing. */
const HAS_WORD = /[\p{L}\p{N}]/u;
const HEADER_LINE = /^(date|url|source)\s*:\s*(.+)$/iu;
// Site chrome that is not news: app banners, share prompts.
const BOILERPLATE = [/^تابع احدث الاخبار/u, /^تابعوا? (?:اخبار|احدث)/u, /^(?:شارك|مشاركه) (?:الخبر|المقال)/u];

export class PageParseError extends Error {}

interface Draft {
  title?: string;
  paragraphs: string[];
  source?: string;
  keywordLine?: string;
}

function splitLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(cleanDisplayText)
    .filter((line) => line.length > 0);
}

function readHeader(lines: string[]): { header: PageHeader; rest: string[] } {
  const header: PageHeader = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const m = HEADER_LINE.exec(lines[i] ?? '');
    if (!m) break;
    const key = (m[1] ?? '').toLowerCase() as keyof PageHeader;
    header[key] = (m[2] ?? '').trim();
  }
  return { header, rest: lines.slice(i) };
}

function firstTitle(paragraphs: readonly string[]): string | undefined {
  for (const paragraph of paragraphs) {
    const title = deriveTitle(paragraph);
    if (HAS_WORD.test(title)) return title;
  }
  return undefined;
}

function finish(draft: Draft, pageText: string): ParsedArticle | null {
  // A page copied from narrow columns breaks lines mid-sentence: paragraphs are its joined lines.
  const paragraphs = unwrapLines(draft.paragraphs);
  if (paragraphs.length === 0) return null;
  const given = draft.title !== undefined && HAS_WORD.test(draft.title) ? draft.title : undefined;
  // The lead may be a stray "." or "***": the title comes from the first paragraph with words.
  const title = given ?? firstTitle(paragraphs);
  if (title === undefined) return null;
  const article: ParsedArticle = {
    title,
    derivedTitle: given === undefined,
    paragraphs,
    keywords: draft.keywordLine ? recoverKeywordPhrases(draft.keywordLine, pageText) : [],
  };
  if (draft.source) article.source = draft.source;
  return article;
}

/** Parses one page. Throws PageParseError when the page holds no article. */
export function parsePage(text: string): ParsedPage {
  const { header, rest } = readHeader(splitLines(text));
  const drafts: Draft[] = [{ paragraphs: [] }];
  const headlines: string[] = [];
  let section: 'article' | 'awaiting-title' | 'similar' = 'article';
  let current = drafts[0] as Draft;
  let lastClosed: Draft | undefined;

  for (const line of rest) {
    const norm = normalize(line);
    if (BOILERPLATE.some((re) => re.test(norm))) continue;
    const source = SOURCE_LINE.exec(norm);
    if (source) {
      current.source = line.slice(line.search(/[:：]/u) + 1).trim() || undefined;
      lastClosed = current;
      current = { paragraphs: [] };
      drafts.push(current);
      continue;
    }
    if (KEYWORDS_LINE.test(norm)) {
      const target = lastClosed ?? current;
      target.keywordLine = line.slice(line.search(/[:：]/u) + 1).trim();
      continue;
    }
    if (READ_ALSO_LINE.test(norm)) {
      current = { paragraphs: [] };
      drafts.push(current);
      section = 'awaiting-title';
      continue;
    }
    if (SIMILAR_LINE.test(norm)) {
      section = 'similar';
      continue;
    }
    if (section === 'similar') {
      const headline = line.replace(BULLET, '').trim();
      if (HAS_WORD.test(headline)) headlines.push(headline);
      continue;
    }
    if (section === 'awaiting-title') {
      current.title = line;
      section = 'article';
      continue;
    }
    current.paragraphs.push(line);
  }

  const pageText = drafts.flatMap((d) => [d.title ?? '', ...d.paragraphs]).join('\n');
  const articles = drafts.map((d) => finish(d, pageText)).filter((a): a is ParsedArticle => a !== null);
  // A "read also" title with no body is still a headline worth linking.
  for (const d of drafts) if (d.title && HAS_WORD.test(d.title) && d.paragraphs.length === 0) headlines.unshift(d.title);
  if (articles.length === 0) throw new PageParseError('no article found: the page has no paragraphs of text');
  if (header.source) for (const a of articles) a.source ??= header.source;
  return { header, articles, headlines };
}
