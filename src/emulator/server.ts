// HTTP front of the emulator: `/bot<token>/<method>` speaks the Bot API, so a bot runs unchanged
// against it through BOT_API_ROOT; `/control/<action>` lets tools act as users from outside.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TelegramEmulator } from './emulator.ts';
import { ApiError } from './types.ts';

/** Bytes: Telegram refuses larger requests too; a runaway client must not exhaust memory here. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A request's body, refused with 413 past `maxBytes` (read no further). */
export async function readBytes(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new ApiError(413, 'Request Entity Too Large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** JSON or form-encoded parameters, as Bot API clients send them. */
export async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readBytes(req)).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (!raw) return {};
  if (type.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      throw new ApiError(400, 'Bad Request: invalid JSON in request body');
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof ApiError) {
    send(res, error.code, { ok: false, error_code: error.code, description: error.description, ...(error.parameters ? { parameters: error.parameters } : {}) });
  } else {
    send(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${(error as Error).message}` });
  }
}

/** What `/control/<action>` accepts: each maps onto the emulator's control methods. */
function control(emulator: TelegramEmulator, action: string, p: Record<string, unknown>): unknown {
  const user = () => emulator.user(Number(p.userId), p.firstName as string | undefined);
  const chatOf = () => (p.chatId === undefined ? emulator.privateChat(user()) : { id: Number(p.chatId), type: 'group' as const });
  switch (action) {
    case 'send':
      return emulator.sendText(user(), chatOf(), String(p.text ?? ''), p.replyTo === undefined ? {} : { replyTo: Number(p.replyTo) });
    case 'press':
      return { callbackQueryId: emulator.pressButton(user(), chatOf(), Number(p.messageId), { text: p.button as string, data: p.data as string }) };
    case 'inline':
      return { inlineQueryId: emulator.inlineQuery(user(), String(p.query ?? '')) };
    case 'block':
      emulator.blockBot(user());
      return true;
    case 'group':
      return emulator.group(String(p.title ?? 'مجموعة'), ((p.adminIds as number[]) ?? []).map((id) => emulator.user(id)));
    case 'transcript':
      return emulator.transcript(Number(p.chatId));
    case 'flood':
      emulator.setFloodLimits(p.limits as Record<string, number> | undefined);
      if (p.latencyMs !== undefined) emulator.setLatency(Number(p.latencyMs));
      return true;
    case 'stats':
      return emulator.stats;
    case 'instances':
      emulator.webhooks.setInstances((p.addresses as string[]) ?? []);
      return true;
    default:
      throw new ApiError(404, 'Not Found');
  }
}

export interface RunningEmulator {
  /** Base URL to use as BOT_API_ROOT (grammY's client.apiRoot). */
  apiRoot: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Answers `/bot<token>/<method>` and `/control/<action>`; false when the path is neither, so a
 * server that also serves other things (the playground) can mount the emulator beside them.
 */
export async function handleEmulatorRequest(emulator: TelegramEmulator, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const bot = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
  const ctl = /^\/control\/([a-z]+)$/.exec(url.pathname);
  if (!bot && !ctl) return false;
  try {
    const params = { ...Object.fromEntries(url.searchParams), ...(await readBody(req)) };
    if (bot) {
      const pending = emulator.call(decodeURIComponent(bot[1] ?? ''), bot[2] ?? '', params);
      // A client that goes away mid long-poll must not keep its place (Telegram forgets it too).
      if (bot[2] === 'getUpdates') res.on('close', () => { if (!res.writableEnded) emulator.dropPollers(); });
      send(res, 200, { ok: true, result: await pending });
    } else {
      send(res, 200, { ok: true, result: control(emulator, ctl?.[1] ?? '', params) });
    }
  } catch (error) {
    sendError(res, error);
  }
  return true;
}

export async function startEmulatorServer(emulator: TelegramEmulator, options: { port?: number; host?: string } = {}): Promise<RunningEmulator> {
  const server = createServer((req, res) => {
    void handleEmulatorRequest(emulator, req, res).then((handled) => {
      if (!handled) sendError(res, new ApiError(404, 'Not Found'));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://${options.host ?? '127.0.0.1'}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        emulator.dropPollers();
        emulator.webhooks.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
