// Telegram's HTML parse mode, as strict as Telegram is where bots break: unsupported tags,
// unmatched tags and stray "<" or "&" are refused with "can't parse entities", and the visible
// text (what the 4096-character limit counts) is what remains after tags and entities.

export class EntityParseError extends Error {
  constructor(detail: string) {
    super(`Bad Request: can't parse entities: ${detail}`);
  }
}

// Tags Telegram accepts (https://core.telegram.org/bots/api#html-style).
const SUPPORTED = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'blockquote', 'tg-spoiler', 'tg-emoji', 'span']);
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

const LESS_THAN = 0x3c;
const AMPERSAND = 0x26;

const byteOffset = (text: string, index: number) => Buffer.byteLength(text.slice(0, index), 'utf8');

/** A formatting span over the visible text, in UTF-16 code units, as the Bot API returns it. */
export interface HtmlEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
}

export interface ParsedHtml {
  /** The text a reader sees: tags removed, entities decoded. */
  text: string;
  /** Links, for the transcript: [visible text, href]. */
  links: [string, string][];
  /** The formatting a client draws, outermost first where two start together. */
  entities: HtmlEntity[];
}

const ENTITY_TYPES: Record<string, string> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', a: 'text_link', code: 'code',
  pre: 'pre', blockquote: 'blockquote', 'tg-spoiler': 'spoiler', span: 'spoiler', 'tg-emoji': 'custom_emoji',
};

function decodeEntity(source: string, at: number): { char: string; end: number } {
  const semi = source.indexOf(';', at);
  const name = semi > at ? source.slice(at + 1, semi) : '';
  if (semi < 0 || semi - at > 10 || !/^#?[a-zA-Z0-9]+$/.test(name)) {
    throw new EntityParseError(`Can't find end of the entity starting at byte offset ${byteOffset(source, at)}`);
  }
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) throw new EntityParseError(`Invalid entity "&${name};"`);
    return { char: String.fromCodePoint(code), end: semi + 1 };
  }
  const char = NAMED_ENTITIES[name];
  if (char === undefined) throw new EntityParseError(`Unsupported HTML entity "&${name};" at byte offset ${byteOffset(source, at)}`);
  return { char, end: semi + 1 };
}

export function parseTelegramHtml(source: string): ParsedHtml {
  let text = '';
  const open: { tag: string; at: number; href?: string; start: number }[] = [];
  const links: [string, string][] = [];
  const entities: HtmlEntity[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source.charCodeAt(i);
    if (ch === AMPERSAND) {
      const { char, end } = decodeEntity(source, i);
      text += char;
      i = end;
      continue;
    }
    if (ch !== LESS_THAN) {
      // Plain text up to the next tag or entity, taken in one piece rather than character by character.
      let end = i + 1;
      while (end < source.length && source.charCodeAt(end) !== LESS_THAN && source.charCodeAt(end) !== AMPERSAND) end++;
      text += source.slice(i, end);
      i = end;
      continue;
    }
    const close = source.indexOf('>', i);
    if (close < 0) throw new EntityParseError(`Unclosed start tag at byte offset ${byteOffset(source, i)}`);
    const inner = source.slice(i + 1, close);
    if (inner.startsWith('/')) {
      const tag = inner.slice(1).trim().toLowerCase();
      const top = open.pop();
      if (!top || top.tag !== tag) {
        throw new EntityParseError(`Unmatched end tag at byte offset ${byteOffset(source, i)}, expected "</${top?.tag ?? ''}>", found "</${tag}>"`);
      }
      if (top.tag === 'a' && top.href) links.push([text.slice(top.start), top.href]);
      const type = ENTITY_TYPES[top.tag] as string;
      if (text.length > top.start && !(type === 'text_link' && !top.href)) {
        entities.push({ type, offset: top.start, length: text.length - top.start, ...(type === 'text_link' ? { url: top.href } : {}) });
      }
    } else {
      const m = /^([a-zA-Z][a-zA-Z0-9-]*)(\s[\s\S]*)?$/.exec(inner);
      const tag = m?.[1]?.toLowerCase() ?? '';
      if (!m || !SUPPORTED.has(tag)) {
        throw new EntityParseError(`Unsupported start tag "${tag || inner}" at byte offset ${byteOffset(source, i)}`);
      }
      const attrs = m[2] ?? '';
      if (tag === 'span' && !/class\s*=\s*"tg-spoiler"/.test(attrs)) {
        throw new EntityParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(source, i)}`);
      }
      const href = tag === 'a' ? /href\s*=\s*"([^"]*)"/.exec(attrs)?.[1] : undefined;
      open.push({ tag, at: i, start: text.length, ...(href ? { href: href.replace(/&amp;/g, '&') } : {}) });
    }
    i = close + 1;
  }
  const unclosed = open.pop();
  if (unclosed) throw new EntityParseError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, links, entities };
}
