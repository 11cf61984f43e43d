// One polite HTTP GET with Node's own fetch: time limit, size cap, a bounded number of redirects
// followed by hand (each hop checked), http(s) only, and conditional requests.
import { MAX_PAGE_BYTES } from '../validate-page.ts';

/** Redirects followed before giving up: feed moves are one or two hops; more is a loop or a trap. */
export const MAX_REDIRECTS = 5;
/** Bytes: the same cap as a seed page; no real feed or article page comes near it. */
export const MAX_FETCH_BYTES = MAX_PAGE_BYTES;
export const USER_AGENT = 'KhulasaBot/0.1 (+Arabic news summaries; Telegram bot)';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
}

/** Validators from the previous response, so an unchanged feed answers 304 and costs nothing. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type FetchResult =
  | { status: 'not-modified'; url: string }
  | { status: 'ok'; url: string; bytes: Uint8Array; contentType?: string; validators: Validators };

/** A fetch that failed, with a reason an operator can act on. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(readonly url: string, readonly reason: string) {
    super(`${url}: ${reason}`);
  }
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

function checkProtocol(url: URL, original: string): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError(original, `only http and https addresses are fetched, not ${url.protocol}`);
  }
}

export function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError(raw, 'not a valid address');
  }
  checkProtocol(url, raw);
  return url;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Reads a body up to `max` bytes; one byte more and the download is cancelled, not buffered. */
async function readCapped(body: ReadableStream<Uint8Array> | null, max: number, url: string): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new FetchError(url, `larger than ${megabytes(max)}: download stopped`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

function header(res: Response, name: string): string | undefined {
  return res.headers.get(name) ?? undefined;
}

/**
 * GETs `url`. 304 → not-modified; 2xx → the bytes; anything else throws FetchError. The time
 * limit covers every hop and the whole body, so a server that trickles bytes is cut off too.
 */
export async function fetchLimited(rawUrl: string, limits: FetchLimits, validators: Validators = {}): Promise<FetchResult> {
  const maxBytes = limits.maxBytes ?? MAX_FETCH_BYTES;
  const maxRedirects = limits.maxRedirects ?? MAX_REDIRECTS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  let url = parseHttpUrl(rawUrl);
  try {
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = {
        'user-agent': limits.userAgent ?? USER_AGENT,
        accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5',
      };
      if (validators.etag) headers['if-none-match'] = validators.etag;
      if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
      const res = await fetch(url, { headers, redirect: 'manual', signal: controller.signal });
      if (REDIRECT.has(res.status)) {
        await res.body?.cancel().catch(() => undefined);
        const location = header(res, 'location');
        if (!location) throw new FetchError(rawUrl, `HTTP ${res.status} without a Location header`);
        if (hop >= maxRedirects) throw new FetchError(rawUrl, `more than ${maxRedirects} redirects`);
        url = new URL(location, url);
        checkProtocol(url, rawUrl);
        continue;
      }
      if (res.status === 304) {
        await res.body?.cancel().catch(() => undefined);
        return { status: 'not-modified', url: url.href };
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new FetchError(rawUrl, `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
      }
      const declared = Number(header(res, 'content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        throw new FetchError(rawUrl, `larger than ${megabytes(maxBytes)} (${megabytes(declared)} announced)`);
      }
      const bytes = await readCapped(res.body, maxBytes, rawUrl);
      const next: Validators = {};
      const etag = header(res, 'etag');
      const lastModified = header(res, 'last-modified');
      if (etag) next.etag = etag;
      if (lastModified) next.lastModified = lastModified;
      const contentType = header(res, 'content-type');
      return { status: 'ok', url: url.href, bytes, validators: next, ...(contentType ? { contentType } : {}) };
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    if (controller.signal.aborted) throw new FetchError(rawUrl, `no complete answer within ${limits.timeoutMs} ms`);
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    throw new FetchError(rawUrl, `unreachable (${cause?.code ?? cause?.message ?? (error as Error).message})`);
  } finally {
    clearTimeout(timer);
  }
}
