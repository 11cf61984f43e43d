// Stopping the process without losing a write: one ordered list of steps, a deadline, and a
// signal that long-running work (ingestion, a digest run) checks between items.
import type { Logger } from './logger.ts';

/**
 * Milliseconds from the first signal to a forced exit. `docker stop` sends SIGKILL 10 s after
 * SIGTERM (the README's systemd unit sets the same); leaving 2 s spare means the log says why the
 * stop was cut short, if ever it is.
 */
export const SHUTDOWN_DEADLINE_MS = 8_000;

export interface Shutdown {
  /** Aborts when shutdown begins: work in progress stops at its next safe point. */
  readonly signal: AbortSignal;
  /**
   * Adds a step. Steps run one after another, the last added first, as start-up's steps are
   * undone: the stores opened first are flushed last, after everything that writes has stopped.
   */
  add(name: string, step: () => Promise<unknown>): void;
  /** Start-up still running: shutdown lets it finish (or fail) before the steps run. */
  awaitStartup(startup: Promise<unknown>): void;
  /** Begins the shutdown once; later calls are logged and change nothing. */
  begin(reason: string, exitCode?: number): void;
}

export function createShutdown(logger: Logger, exit: (code: number) => void, deadlineMs = SHUTDOWN_DEADLINE_MS): Shutdown {
  const controller = new AbortController();
  const steps: { name: string; step: () => Promise<unknown> }[] = [];
  let startup: Promise<unknown> = Promise.resolve();
  let deadline: NodeJS.Timeout | undefined;

  const run = async (exitCode: number) => {
    await startup.catch(() => undefined);
    let failed = false;
    for (const { name, step } of [...steps].reverse()) {
      try {
        await step();
      } catch (error) {
        failed = true;
        logger.error({ err: error, step: name }, 'shutdown step failed');
      }
    }
    // A shutdown that does not end the process (the playground restarting its bot) leaves no timer.
    clearTimeout(deadline);
    if (failed) {
      logger.error('stopped, but not every write reached the disk (see above)');
      exit(1);
    } else {
      logger.info('stopped cleanly');
      exit(exitCode);
    }
  };

  return {
    signal: controller.signal,
    add: (name, step) => void steps.push({ name, step }),
    awaitStartup: (p) => void (startup = p),
    begin(reason, exitCode = 0) {
      // A second signal (an impatient Ctrl-C, or npm relaying what the process group already
      // got) must not cut a write in half: finishing is what the deadline is for.
      if (controller.signal.aborted) {
        logger.warn({ reason }, 'already shutting down; finishing the writes first');
        return;
      }
      controller.abort();
      logger.info({ reason }, 'shutting down: stopping polling, finishing writes');
      deadline = setTimeout(() => {
        logger.error({ deadlineMs }, 'shutdown took longer than its deadline; exiting with work unfinished');
        exit(1);
      }, deadlineMs);
      void run(exitCode);
    },
  };
}
