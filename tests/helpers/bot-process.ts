// The real bot as a separate process (what `npm start` runs), with everything it prints captured.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { after } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { startEmulatorServer } from '../../src/emulator/server.ts';
import { Library } from '../../src/library.ts';
import { createLogger } from '../../src/logger.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { eventually } from './bot-harness.ts';
import { SEED_FILE, tempDir } from './tmp.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const PROCESS_TOKEN = '123456789:process-test-token-aaaaaaaaa';

export interface BotProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far, interleaved. */
  output(): string;
  /** The exit code (or the signal's name) once the process and its pipes closed; rejects after the timeout. */
  exited(timeoutMs?: number): Promise<number | string>;
  /** Waits until the output contains the text (or matches the pattern). */
  waitFor(text: string | RegExp, what: string, timeoutMs?: number): Promise<void>;
}

/** Tracks a started process; the test file's end kills it if it still runs (a failed test). */
function track(child: ChildProcess): BotProcess {
  after(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (out += d));
  const closed = new Promise<number | string>((resolve) => child.on('close', (code, signal) => resolve(code ?? signal ?? -1)));
  const exited = (timeoutMs = 30_000) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the bot did not exit within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    });
    return Promise.race([closed, timeout]).finally(() => clearTimeout(timer));
  };
  return {
    child,
    output: () => out,
    exited,
    waitFor: async (text, what, timeoutMs = 30_000) => {
      await eventually(() => (typeof text === 'string' ? out.includes(text) : text.test(out)), what, timeoutMs).catch((error: Error) => {
        throw new Error(`${error.message}; the bot's last output:\n${out.slice(-3000)}`);
      });
    },
  };
}

/** Starts `node --import tsx src/main.ts` with the given environment on top of the test's own. */
export function spawnBot(env: Record<string, string>): BotProcess {
  return track(spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: { ...process.env, BOT_TOKEN: PROCESS_TOKEN, LOG_LEVEL: 'info', ...env } }));
}

/** Starts `npm start` as the leader of its own process group, as a shell or a supervisor would. */
export function spawnNpmStart(env: Record<string, string>): BotProcess {
  return track(spawn('npm', ['start', '--silent'], { cwd: ROOT, detached: true, env: { ...process.env, BOT_TOKEN: PROCESS_TOKEN, LOG_LEVEL: 'info', ...env } }));
}

/** Pids of the live processes in a process group (Linux /proc), zombies excluded. */
export function processGroup(pgid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Fields after the command name (which may hold spaces): state ppid pgrp …
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') pids.push(Number(name));
    } catch {
      // The process ended while being read.
    }
  }
  return pids;
}

/**
 * An emulator (closed when the test file ends) and a data folder holding the seed page's
 * articles, with an empty seeds folder: what a started process needs to have something to say.
 */
export async function emulatorAndSeededData(): Promise<{ emulator: TelegramEmulator; apiRoot: string; dataDir: string; env: Record<string, string> }> {
  const emulator = new TelegramEmulator();
  const running = await startEmulatorServer(emulator);
  after(() => running.close());
  const dir = await tempDir();
  const dataDir = join(dir, 'data');
  await mkdir(join(dir, 'seeds'));
  const library = await Library.open(await ArticleRepository.open(dataDir), dataDir, createLogger({ level: 'silent' }));
  await library.ingest([SEED_FILE]);
  await library.persistNow();
  return { emulator, apiRoot: running.apiRoot, dataDir, env: { BOT_API_ROOT: running.apiRoot, DATA_DIR: dataDir, SEEDS_DIR: join(dir, 'seeds') } };
}
