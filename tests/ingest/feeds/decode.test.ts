import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBytes, detectCharset } from '../../../src/ingest/feeds/decode.ts';
import { encodeWindows1256 } from '../../helpers/feed-server.ts';

const TITLE = 'الأخبار العاجلة من الرياض';
const xml = (declared: string) => `<?xml version="1.0" encoding="${declared}"?><rss><channel><title>${TITLE}</title></channel></rss>`;
const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (bytes: Uint8Array) => Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);

describe('detectCharset and decodeBytes', () => {
  const cases: { name: string; bytes: Uint8Array; contentType?: string; charset: string; from: string }[] = [
    { name: 'windows-1256 from the HTTP header', bytes: encodeWindows1256(`<rss><channel><title>${TITLE}</title></channel></rss>`), contentType: 'text/xml; charset=windows-1256', charset: 'windows-1256', from: 'header' },
    { name: 'windows-1256 from the XML declaration', bytes: encodeWindows1256(xml('windows-1256')), contentType: 'application/rss+xml', charset: 'windows-1256', from: 'declaration' },
    { name: 'the header wins over the declaration', bytes: encodeWindows1256(xml('utf-8')), contentType: 'text/xml; charset="Windows-1256"', charset: 'windows-1256', from: 'header' },
    { name: 'an unknown header charset falls back to the declaration', bytes: encodeWindows1256(xml('windows-1256')), contentType: 'text/xml; charset=x-nonsense', charset: 'windows-1256', from: 'declaration' },
    { name: 'cp1256 (an alias) in an HTML meta tag', bytes: encodeWindows1256(`<html><head><meta charset="cp1256"></head><body>${TITLE}</body></html>`), charset: 'windows-1256', from: 'declaration' },
    { name: 'UTF-8 from a BOM', bytes: withBom(utf8(`<rss><title>${TITLE}</title></rss>`)), charset: 'utf-8', from: 'bom' },
    { name: 'UTF-8 by default', bytes: utf8(`{"title":"${TITLE}"}`), contentType: 'application/feed+json', charset: 'utf-8', from: 'default' },
  ];
  for (const c of cases) {
    it(`reads ${c.name}`, () => {
      assert.deepEqual(detectCharset(c.bytes, c.contentType), { charset: c.charset, from: c.from });
      assert.ok(decodeBytes(c.bytes, c.contentType).includes(TITLE));
    });
  }

  it('drops the BOM from the text', () => {
    assert.equal(decodeBytes(withBom(utf8('<rss/>'))), '<rss/>');
  });
});
