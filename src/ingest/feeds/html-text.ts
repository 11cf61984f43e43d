// HTML from a feed or a page → clean paragraphs of text. Pure. html-to-text (htmlparser2 inside)
// decodes entities, drops scripts, styles and images (tracking pixels are images), and keeps
// block boundaries, which become our paragraphs.
import { compile } from 'html-to-text';
import { cleanDisplayText } from '../../text/normalize.ts';

const SKIP = { format: 'skip' } as const;

const convert = compile({
  wordwrap: false,
  preserveNewlines: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', ...SKIP },
    { selector: 'script', ...SKIP },
    { selector: 'style', ...SKIP },
    { selector: 'noscript', ...SKIP },
    { selector: 'iframe', ...SKIP },
    { selector: 'svg', ...SKIP },
    { selector: 'figure', ...SKIP },
    { selector: 'form', ...SKIP },
    { selector: 'button', ...SKIP },
    // Headings and emphasis as plain text: upper-casing and brackets mean nothing in Arabic.
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'ul', options: { itemPrefix: '• ' } },
    { selector: 'table', format: 'dataTable' },
  ],
});

/** Paragraphs of text, in order; an empty list when the HTML holds no text. */
export function htmlToParagraphs(html: string): string[] {
  return convert(html)
    .split(/\n\s*\n|\n/)
    .map(cleanDisplayText)
    .filter((p) => p.length > 0);
}

/** One line of text (titles): markup and entities resolved, whitespace collapsed. */
export function htmlToLine(html: string): string {
  return htmlToParagraphs(html).join(' ');
}
