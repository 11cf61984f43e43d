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
  /** SIGTERM, then the exit code. */
  stop(): Promise<number>;
}

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
    return {
      url,
      startedInMs: Date.now() - started,
      output: () => out,
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
