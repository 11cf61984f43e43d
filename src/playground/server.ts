// The playground's one HTTP server, on loopback only: the page and its assets, the page's API,
// and the Bot API emulator the bot itself talks to. Requests whose Host is not a loopback name
// (DNS rebinding) or whose Origin is another site are refused before anything else runs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TelegramEmulator } from '../emulator/emulator.ts';
import { handleEmulatorRequest } from '../emulator/server.ts';
import { isLoopbackHost, isLoopbackOrigin } from './host-check.ts';
import { PageApi, type PageApiDeps } from './page-api.ts';
import { loadAssets } from './static-files.ts';

export const PLAYGROUND_HOST = '127.0.0.1';

// The page runs only its own files: even a rendering bug could not load or run anything else.
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

export interface RunningPlayground {
  /** http://127.0.0.1:PORT: the page, and the Bot API root for the bot (client.apiRoot). */
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startPlaygroundServer(deps: PageApiDeps & { emulator: TelegramEmulator; port: number }): Promise<RunningPlayground> {
  const assets = await loadAssets();
  const api = new PageApi(deps);
  const server = createServer((req, res) => {
    const refuse = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (!isLoopbackHost(req.headers.host)) return refuse(403, 'Forbidden: the playground answers only to 127.0.0.1 or localhost\n');
    if (!isLoopbackOrigin(req.headers.origin)) return refuse(403, 'Forbidden: cross-origin request\n');
    const path = new URL(req.url ?? '/', 'http://playground').pathname;
    const asset = assets.get(path);
    if (asset && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { ...PAGE_HEADERS, 'content-type': asset.type, 'content-length': asset.body.length });
      res.end(req.method === 'HEAD' ? undefined : asset.body);
      return;
    }
    void (async () => {
      if (await api.handle(path, req, res)) return;
      if (await handleEmulatorRequest(deps.emulator, req, res)) return;
      refuse(404, 'Not Found\n');
    })();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, PLAYGROUND_HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${PLAYGROUND_HOST}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        deps.emulator.dropPollers();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
