// `npm start` without a token, as a real process: waits for the playground's banner and the
// first seed ingestion, and stops it with SIGTERM like an operator's Ctrl-C.
import { spawn } from 'node:child_process';
import { eventually } from './bot-harness.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface PlaygroundProcess {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Milliseconds from spawn to the page answering. */
  startedInMs: number;
  output(): string;
  /** POSTs a page action (`/api/<action>`) and returns its JSON answer. */
  post(action: string, body: unknown): Promise<Record<string, unknown>>;
  /** The page's state (`/api/state`). */
  state(): Promise<PageState>;
  /** Sends `text` as a reader in a chat and returns the text of the bot's next message there. */
  ask(userId: number, chatId: number, text: string): Promise<string>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number>;
}

export interface PageState {
  readers: { id: number }[];
  resetsData: boolean;
  messages: Record<string, { id: number; text: string; from: { isBot: boolean } }[]>;
}

/** Milliseconds between looks at the page's state while waiting for the bot. */
const POLL_MS = 100;
const ANSWER_WAIT_MS = 30_000;

export async function startPlaygroundProcess(env: Record<string, string>): Promise<PlaygroundProcess> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, BOT_TOKEN: '', PLAYGROUND_PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (out += d));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  try {
    const url = await eventually(() => /Open (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1], 'the playground banner', 30_000);
    await eventually(() => out.includes('bot is polling'), 'the bot to poll', 30_000);
    await eventually(() => out.includes('ingested pages'), 'the seeds to be ingested', 30_000);
    const post = async (action: string, body: unknown) =>
      (await (await fetch(`${url}/api/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as Record<string, unknown>;
    const state = async () => (await (await fetch(`${url}/api/state`)).json()) as PageState;
    return {
      url,
      startedInMs: Date.now() - started,
      output: () => out,
      post,
      state,
      async ask(userId, chatId, text) {
        const sent = (await post('send', { userId, chatId, text })).id as number;
        for (const deadline = Date.now() + ANSWER_WAIT_MS; Date.now() < deadline; await new Promise((r) => setTimeout(r, POLL_MS))) {
          const answer = (await state()).messages[String(chatId)]?.find((m) => m.id > sent && m.from.isBot)?.text;
          if (answer !== undefined) return answer;
        }
        throw new Error(`the bot did not answer ${text} on the page within ${ANSWER_WAIT_MS} ms`);
      },
      stop: () => {
        child.kill('SIGTERM');
        return exited;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}; the process printed:\n${out}`);
  }
}
