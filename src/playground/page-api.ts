// `/api/*`: what the page does as its readers (send, press, inline queries, block, reset, add a
// page) and the live stream of what changes. Each action goes through the emulator's control side,
// exactly as a reader's Telegram client would, so the bot sees ordinary updates.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelegramEmulator } from '../emulator/emulator.ts';
import { readBody, readBytes, send } from '../emulator/server.ts';
import { ApiError, type ChatEvent, type TgChat, type TgUser } from '../emulator/types.ts';
import type { IngestReport } from '../ingest/ingest.ts';
import { type Cast, setUpCast } from './cast.ts';
import { arabicReason } from './rejections.ts';
import { uploadSummary } from './upload-summary.ts';
import { chatView, messageView } from './views.ts';

/** Milliseconds the page waits for the bot to answer a button press or an inline query. */
const ANSWER_WAIT_MS = 10_000;
/** Milliseconds between comments on an idle event stream, so proxies and browsers keep it open. */
const KEEPALIVE_MS = 25_000;
/** Bytes: a little over ingestion's own 5 MB limit, so a page just over it gets ingestion's reason. */
const MAX_UPLOAD_BYTES = 6 * 1024 * 1024;

export interface PageApiDeps {
  emulator: TelegramEmulator;
  /** The bot's own ingestion (Library.ingest), the same path seeds take; resolves once it is ready. */
  ingest: (files: string[]) => Promise<IngestReport>;
  botName: string;
  /**
   * Given only when the data folder is a temporary one: the reset also stops the bot, runs
   * `clearChats` and starts the bot again on an empty folder (see start-playground.ts).
   */
  freshData?: (clearChats: () => void) => Promise<void>;
}

export class PageApi {
  readonly #deps: PageApiDeps;
  #cast: Cast;
  /** Counts chat events, so a page that reloads its state knows which live events it already has. */
  #seq = 0;

  constructor(deps: PageApiDeps) {
    this.#deps = deps;
    deps.emulator.events.on('chat', () => this.#seq++);
    this.#cast = setUpCast(deps.emulator);
  }

  /** Answers `/api/<action>`; false for any other path. */
  async handle(path: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const action = /^\/api\/([a-z]+)$/.exec(path)?.[1];
    if (!action) return false;
    try {
      if (action === 'events' && req.method === 'GET') this.#events(req, res);
      else if (action === 'state' && req.method === 'GET') send(res, 200, this.#state());
      else if (action === 'upload' && req.method === 'POST') send(res, 200, await this.#upload(req));
      else if (req.method === 'POST') send(res, 200, await this.#act(action, await readBody(req)));
      else throw new ApiError(404, 'Not Found');
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 500;
      send(res, code, { ok: false, error: (error as Error).message });
    }
    return true;
  }

  #state() {
    const { emulator, botName } = this.#deps;
    const chats = emulator.listChats();
    return {
      seq: this.#seq,
      bot: { username: emulator.botUsername, name: botName },
      resetsData: Boolean(this.#deps.freshData),
      readers: this.#cast.readers.map((r) => ({ id: r.id, name: r.first_name })),
      chats: chats.map(chatView),
      commands: emulator.commands(),
      messages: Object.fromEntries(chats.map(({ chat }) => [chat.id, emulator.transcript(chat.id).filter((m) => !m.deleted).map(messageView)])),
    };
  }

  #reader(p: Record<string, unknown>): TgUser {
    const reader = this.#cast.readers.find((r) => r.id === Number(p.userId));
    if (!reader) throw new ApiError(400, 'unknown reader');
    return reader;
  }

  /** A chat the reader is in: one reader cannot write in another's private chat. */
  #chat(p: Record<string, unknown>, reader: TgUser): TgChat {
    const found = this.#deps.emulator.listChats().find((c) => c.chat.id === Number(p.chatId));
    if (!found || !found.members.some((m) => m.id === reader.id)) throw new ApiError(400, 'unknown chat');
    return found.chat;
  }

  async #act(action: string, p: Record<string, unknown>): Promise<unknown> {
    const { emulator } = this.#deps;
    switch (action) {
      case 'send': {
        const text = String(p.text ?? '').trim();
        if (!text) throw new ApiError(400, 'empty message');
        const reader = this.#reader(p);
        const sent = emulator.sendText(reader, this.#chat(p, reader), text, p.replyTo ? { replyTo: Number(p.replyTo) } : {});
        return { ok: true, id: sent.message_id };
      }
      case 'press': {
        const reader = this.#reader(p);
        const id = emulator.pressButton(reader, this.#chat(p, reader), Number(p.messageId), { data: String(p.data ?? '') });
        const answer = await emulator.waitFor(() => emulator.callbackAnswer(id), ANSWER_WAIT_MS, 'the callback answer').catch(() => null);
        return { ok: true, answer };
      }
      case 'inline': {
        const reader = this.#reader(p);
        const id = emulator.inlineQuery(reader, String(p.query ?? ''), '', this.#chat(p, reader));
        const answer = await emulator.waitFor(() => emulator.inlineAnswer(id), ANSWER_WAIT_MS, 'the inline answer').catch(() => undefined);
        const results = (answer?.results ?? []).map((r) => ({ id: String(r.id), title: String(r.title ?? ''), description: String(r.description ?? '') }));
        return { ok: true, queryId: id, results };
      }
      case 'choose': {
        const reader = this.#reader(p);
        const sent = emulator.chooseInlineResult(reader, this.#chat(p, reader), String(p.queryId), String(p.resultId));
        return { ok: true, id: sent.message_id };
      }
      case 'block': {
        const reader = this.#reader(p);
        if (p.blocked) emulator.blockBot(reader);
        else emulator.unblockBot(reader);
        return { ok: true };
      }
      case 'reset': {
        const clearChats = () => {
          emulator.reset();
          this.#cast = setUpCast(emulator);
        };
        if (this.#deps.freshData) await this.#deps.freshData(clearChats);
        else clearChats();
        return { ok: true };
      }
      default:
        throw new ApiError(404, 'Not Found');
    }
  }

  /** A dropped page: saved under its own name in a scratch folder, ingested like a seed, removed. */
  async #upload(req: IncomingMessage) {
    const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? '';
    if (!/\.txt$/i.test(name)) return { ok: true, added: 0, updated: 0, unchanged: 0, rejected: [{ file: name, reason: 'ليس ملف نص (.txt)' }] };
    let bytes: Buffer;
    try {
      bytes = await readBytes(req, MAX_UPLOAD_BYTES);
    } catch {
      return { ok: true, added: 0, updated: 0, unchanged: 0, rejected: [{ file: name, reason: arabicReason('larger than 5 MB') }] };
    }
    const dir = await mkdtemp(join(tmpdir(), 'khulasa-upload-'));
    const safeName = name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(-100);
    try {
      const file = join(dir, safeName);
      await writeFile(file, bytes);
      const report = await this.#deps.ingest([file]);
      const counts = { added: report.new, updated: report.updated, unchanged: report.unchanged };
      return { ok: true, ...counts, summary: uploadSummary(counts), rejected: report.rejected.map((r) => ({ file: name, reason: arabicReason(r.reason) })) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Server-sent events: every message, edit, deletion, and changes of chats or commands. */
  #events(req: IncomingMessage, res: ServerResponse): void {
    const { emulator } = this.#deps;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    // Registered after the counter's listener, so each event goes out with its own number.
    const onChat = (event: ChatEvent) => {
      const data = event.type === 'message' || event.type === 'edit' ? { type: event.type, message: messageView(event.message) } : event;
      res.write(`data: ${JSON.stringify({ ...data, seq: this.#seq })}\n\n`);
    };
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEPALIVE_MS);
    emulator.events.on('chat', onChat);
    req.on('close', () => {
      clearInterval(keepAlive);
      emulator.events.off('chat', onChat);
    });
  }
}
