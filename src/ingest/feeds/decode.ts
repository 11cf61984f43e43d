// Feed or page bytes → text, in the declared encoding. Pure. Arabic sites still serve
// windows-1256, and Node's TextDecoder (WHATWG encodings) reads it.

/** Where the encoding was found, in the order it is trusted. */
export type CharsetSource = 'header' | 'declaration' | 'bom' | 'default';

const HEADER_CHARSET = /charset\s*=\s*["']?([\w.:-]+)/i;
// An XML declaration, or an HTML <meta charset> / http-equiv, near the start of the document.
const XML_DECLARATION = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i;
/** Bytes searched for a declaration: it must come first in XML, and in the head in HTML. */
const SNIFF_BYTES = 2048;

function supported(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function declaredCharset(bytes: Uint8Array): string | undefined {
  // Latin-1 maps every byte to one character, so ASCII markup reads the same in any encoding.
  const head = Buffer.from(bytes.subarray(0, SNIFF_BYTES)).toString('latin1');
  return XML_DECLARATION.exec(head)?.[1] ?? META_CHARSET.exec(head)?.[1];
}

/** The encoding to read `bytes` with: the HTTP charset, then the document's declaration, then a BOM. */
export function detectCharset(bytes: Uint8Array, contentType?: string): { charset: string; from: CharsetSource } {
  const fromHeader = supported(HEADER_CHARSET.exec(contentType ?? '')?.[1]);
  if (fromHeader) return { charset: fromHeader, from: 'header' };
  const fromDeclaration = supported(declaredCharset(bytes));
  if (fromDeclaration) return { charset: fromDeclaration, from: 'declaration' };
  const fromBom = bomCharset(bytes);
  if (fromBom) return { charset: fromBom, from: 'bom' };
  return { charset: 'utf-8', from: 'default' };
}

/** Decodes leniently (a stray bad byte becomes U+FFFD rather than losing the feed). */
export function decodeBytes(bytes: Uint8Array, contentType?: string): string {
  return new TextDecoder(detectCharset(bytes, contentType).charset).decode(bytes);
}
