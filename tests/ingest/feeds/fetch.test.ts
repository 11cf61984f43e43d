import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FetchError, fetchLimited } from '../../../src/ingest/feeds/fetch.ts';
import { fixture, startFeedServer } from '../../helpers/feed-server.ts';

const LIMITS = { timeoutMs: 5_000 };

async function rejects(promise: Promise<unknown>, reason: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FetchError, `a FetchError, got ${String(error)}`);
    assert.match(error.reason, reason);
    return true;
  });
}

describe('fetchLimited', async () => {
  const server = await startFeedServer();

  it('fetches a feed with a User-Agent naming the bot and keeps its validators', async () => {
    server.route('/rss', (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Thu, 26 Nov 2026 08:00:00 GMT' }).end(fixture('arabic-rss.xml')),
    );
    const result = await fetchLimited(server.url('/rss'), LIMITS);
    assert.equal(result.status, 'ok');
    if (result.status !== 'ok') return;
    assert.match(Buffer.from(result.bytes).toString('utf8'), /ارتفاع أسعار النفط/);
    assert.deepEqual(result.validators, { etag: '"v1"', lastModified: 'Thu, 26 Nov 2026 08:00:00 GMT' });
    assert.match(String(server.requests.at(-1)?.headers['user-agent']), /Khulasa/);
  });

  it('sends If-None-Match and If-Modified-Since, and a 304 is "not modified"', async () => {
    server.route('/cond', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200, { etag: '"v1"' }).end(fixture('arabic-rss.xml'));
    });
    const result = await fetchLimited(server.url('/cond'), LIMITS, { etag: '"v1"', lastModified: 'Thu, 26 Nov 2026 08:00:00 GMT' });
    assert.equal(result.status, 'not-modified');
    assert.equal(server.requests.at(-1)?.headers['if-modified-since'], 'Thu, 26 Nov 2026 08:00:00 GMT');
  });

  it('follows a chain of up to 5 redirects and refuses a sixth', async () => {
    for (let i = 0; i < 6; i++) server.route(`/hop${i}`, (_req, res) => res.writeHead(i % 2 ? 301 : 302, { location: `/hop${i + 1}` }).end());
    server.serve('/hop6', fixture('atom.xml'), 'application/atom+xml');
    const result = await fetchLimited(server.url('/hop1'), LIMITS);
    assert.equal(result.status, 'ok');
    assert.equal(result.url, server.url('/hop6'));
    await rejects(fetchLimited(server.url('/hop0'), LIMITS), /more than 5 redirects/);
  });

  it('refuses addresses and redirects that are not http or https', async () => {
    await rejects(fetchLimited('ftp://127.0.0.1/feed.xml', LIMITS), /only http and https/);
    await rejects(fetchLimited('file:///etc/passwd', LIMITS), /only http and https/);
    await rejects(fetchLimited('not a url', LIMITS), /not a valid address/);
    server.route('/to-file', (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    await rejects(fetchLimited(server.url('/to-file'), LIMITS), /only http and https/);
  });

  it('gives up after the time limit on a server that never answers', async () => {
    server.route('/silent', () => undefined);
    await rejects(fetchLimited(server.url('/silent'), { timeoutMs: 200 }), /no complete answer within 200 ms/);
  });

  it('gives up after the time limit on a body that trickles', async () => {
    server.route('/trickle', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss>');
    });
    await rejects(fetchLimited(server.url('/trickle'), { timeoutMs: 200 }), /no complete answer/);
  });

  it('cuts a 50 MB body off at the 5 MB cap, streamed, without a Content-Length', async () => {
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 'ا');
    server.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.byteLength;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => res.destroy());
      pump();
    });
    await rejects(fetchLimited(server.url('/huge'), LIMITS), /larger than 5 MB: download stopped/);
    assert.ok(sent < 50 * 1024 * 1024, `the server stopped sending early (${sent} bytes written)`);
  });

  it('refuses at once a body whose Content-Length announces more than the cap', async () => {
    server.route('/announced', (_req, res) => {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      res.write('x');
    });
    await rejects(fetchLimited(server.url('/announced'), LIMITS), /larger than 5 MB \(50 MB announced\)/);
  });

  it('reports HTTP errors and unreachable hosts with the reason', async () => {
    server.route('/gone', (_req, res) => res.writeHead(410).end());
    await rejects(fetchLimited(server.url('/gone'), LIMITS), /HTTP 410/);
    const closed = await startFeedServer();
    const address = closed.url('/feed');
    await closed.close();
    await rejects(fetchLimited(address, LIMITS), /unreachable \(ECONNREFUSED\)/);
  });
});
