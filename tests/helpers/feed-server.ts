// A local HTTP server (127.0.0.1, a free port) that serves test feeds: routes are set per test,
// and every request is recorded so tests can see conditional headers and counts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface FeedServer {
  /** `http://127.0.0.1:PORT` + path. */
  url(path: string): string;
  route(path: string, handler: Route): void;
  /** Serves a body with a content type (UTF-8 XML unless told). */
  serve(path: string, body: string | Uint8Array, contentType?: string): void;
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export const FIXTURES = new URL('../fixtures/feeds/', import.meta.url).pathname;
export const fixture = (name: string) => readFileSync(`${FIXTURES}${name}`, 'utf8');

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: FeedServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ path, headers: req.headers });
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404).end('not found');
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const feedServer: FeedServer = {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, handler) => routes.set(path, handler),
    serve: (path, body, contentType = 'application/rss+xml; charset=utf-8') =>
      routes.set(path, (_req, res) => res.writeHead(200, { 'content-type': contentType }).end(body)),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  after(() => feedServer.close());
  return feedServer;
}

/** Text → windows-1256 bytes (the inverse of TextDecoder's table; Node has no such encoder). */
export function encodeWindows1256(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1256');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Uint8Array.from([...text].map((ch) => {
    const byte = table.get(ch);
    if (byte === undefined) throw new Error(`"${ch}" has no windows-1256 byte`);
    return byte;
  }));
}
