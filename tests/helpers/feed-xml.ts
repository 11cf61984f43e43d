// RSS 2.0 documents for tests, built from a list of items (escaped, so tests state content only).
export interface RssItemSpec {
  title?: string;
  link?: string;
  guid?: string;
  pubDate?: string;
  description?: string;
  content?: string;
  categories?: string[];
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const element = (name: string, value: string | undefined) => (value === undefined ? '' : `<${name}>${escape(value)}</${name}>`);

export function rss(title: string, items: RssItemSpec[], declaration = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  const body = items
    .map((i) =>
      [
        '<item>',
        element('title', i.title),
        element('link', i.link),
        element('guid', i.guid),
        element('pubDate', i.pubDate),
        element('description', i.description),
        i.content === undefined ? '' : `<content:encoded><![CDATA[${i.content}]]></content:encoded>`,
        ...(i.categories ?? []).map((c) => element('category', c)),
        '</item>',
      ].join(''),
    )
    .join('\n');
  return `${declaration}\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${escape(title)}</title><link>https://example.org/</link>\n${body}\n</channel></rss>`;
}

/** An Arabic paragraph of about `words` words, distinct per `seed`. */
export function arabicText(seed: number, words = 30): string {
  const vocabulary = ['الحكومة', 'أعلنت', 'اليوم', 'عن', 'خطة', 'جديدة', 'لدعم', 'الاقتصاد', 'الوطني', 'وزيادة', 'فرص', 'العمل', 'في', 'المدن', 'والقرى', 'خلال', 'العام', 'المقبل'];
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(vocabulary[(seed * 7 + i * 3) % vocabulary.length] ?? 'خبر');
  return `${out.join(' ')}.`;
}
