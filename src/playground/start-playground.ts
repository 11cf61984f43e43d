// Without BOT_TOKEN, `npm start` runs the playground: the emulator and the page on loopback, and
// the unchanged bot pointed at it. This module only swaps three settings (token, Bot API root,
// data folder); main.ts wires everything else exactly as it does for Telegram.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { TelegramEmulator } from '../emulator/emulator.ts';
import type { IngestReport } from '../ingest/ingest.ts';
import type { Logger } from '../logger.ts';
import type { Shutdown } from '../shutdown.ts';
import { BotSessions } from './bot-sessions.ts';
import { startPlaygroundServer } from './server.ts';

/** A token only the emulator accepts (Telegram has no bot 1000000001). */
export const PLAYGROUND_TOKEN = '1000000001:playground-only-not-a-telegram-token';
export const PLAYGROUND_BOT_USERNAME = 'khulasa_bot';
const BOT_NAME = 'خلاصة';

export class PlaygroundStartError extends Error {}

type Ingests = { ingest(files: string[]): Promise<IngestReport> };

export interface Playground {
  url: string;
  /** The lines printed first: what this is, where it is, how to use Telegram instead. */
  banner: string;
  /**
   * Runs main's start-up (which returns the library, whose ingestion the page uses) with steps of
   * its own, stopped by `shutdown`. With temporary data, the page's reset runs it again on an
   * emptied folder; with the operator's DATA_DIR the reset clears the chats only.
   */
  runBot(start: (steps: Shutdown) => Promise<Ingests>, shutdown: Shutdown, logger: Logger): Promise<void>;
  close(): Promise<void>;
}

function banner(url: string, dataDir: string, temporary: boolean): string {
  return [
    'Khulasa playground: no BOT_TOKEN is set, so the bot runs against a built-in Telegram emulator.',
    `  Open ${url}/ in your browser to chat with it (this machine only).`,
    temporary ? `  Data: a temporary folder (${dataDir}), removed on exit.` : `  Data: ${dataDir} (DATA_DIR).`,
    'To run against Telegram instead: put BOT_TOKEN=<token from @BotFather> in .env and run npm start again.',
    '',
  ].join('\n');
}

/** Opens the page in the desktop's browser when a person started us from a terminal. */
function openBrowser(url: string): void {
  if (!process.stdout.isTTY || process.env.CI) return;
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(command, [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
}

/** Starts the playground when there is no token: returns the settings the bot runs with. */
export async function withPlayground(config: Config): Promise<{ config: Config & { BOT_TOKEN: string }; playground?: Playground }> {
  if (config.BOT_TOKEN) return { config: { ...config, BOT_TOKEN: config.BOT_TOKEN } };
  const temporary = config.PLAYGROUND_DATA === 'temp';
  const dataDir = temporary ? await mkdtemp(join(tmpdir(), 'khulasa-playground-')) : config.DATA_DIR;
  let giveLibrary: (library: Ingests) => void = () => undefined;
  let library = new Promise<Ingests>((resolve) => (giveLibrary = resolve));
  let sessions: BotSessions | undefined;
  // Only the folder made above is ever emptied: the operator's DATA_DIR is never deleted.
  const freshData = async (clearChats: () => void) => {
    if (!sessions) throw new Error('the bot is still starting');
    library = new Promise<Ingests>((resolve) => (giveLibrary = resolve));
    await sessions.restart(async () => {
      clearChats();
      await rm(dataDir, { recursive: true, force: true });
      await mkdir(dataDir, { recursive: true });
    });
  };
  const emulator = new TelegramEmulator({ botUsername: PLAYGROUND_BOT_USERNAME });
  const running = await startPlaygroundServer({
    emulator,
    port: config.PLAYGROUND_PORT,
    botName: BOT_NAME,
    ingest: async (files) => (await library).ingest(files),
    ...(temporary ? { freshData } : {}),
  }).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'EADDRINUSE' ? 'is in use' : `cannot be opened (${error.message})`;
    throw new PlaygroundStartError(`the playground's port ${config.PLAYGROUND_PORT} on 127.0.0.1 ${why}: set PLAYGROUND_PORT to another port, or 0 for any free one.`);
  });
  openBrowser(`${running.url}/`);
  const playground: Playground = {
    url: running.url,
    banner: banner(running.url, dataDir, temporary),
    runBot: async (start, shutdown, logger) => {
      const running = new BotSessions(async (steps) => giveLibrary(await start(steps)), logger, (code) => shutdown.begin('the bot stopped', code));
      shutdown.add('stop the bot', () => running.stop());
      await running.start();
      sessions = running;
    },
    close: async () => {
      await running.close();
      if (temporary) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return { config: { ...config, BOT_TOKEN: PLAYGROUND_TOKEN, BOT_API_ROOT: running.url, DATA_DIR: dataDir }, playground };
}
