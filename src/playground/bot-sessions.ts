// The bot as the playground runs it: main's own start-up, given a shutdown of its own each time,
// so that a reset can stop the bot and its stores, change what is under them and start them again
// on the same emulator and page. The bot itself never learns it was restarted.
import type { Logger } from '../logger.ts';
import { createShutdown, type Shutdown } from '../shutdown.ts';

/** main's start-up: opens the stores, starts the bot, and adds each undo step to `steps`. */
export type StartBot = (steps: Shutdown) => Promise<void>;

interface Session {
  steps: Shutdown;
  stopped: Promise<number>;
  stopping: boolean;
}

export class BotSessions {
  readonly #start: StartBot;
  readonly #logger: Logger;
  readonly #onOwnStop: (code: number) => void;
  #current: Session | undefined;
  /** Restarts and the final stop run one after another, never interleaved. */
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  /** `onOwnStop`: the bot stopped without being asked (polling ended): the process should too. */
  constructor(start: StartBot, logger: Logger, onOwnStop: (code: number) => void) {
    this.#start = start;
    this.#logger = logger;
    this.#onOwnStop = onOwnStop;
  }

  /** Starts the first run; a failure rejects with start-up's own error, as main reports it. */
  async start(): Promise<void> {
    let finished: (code: number) => void = () => undefined;
    const stopped = new Promise<number>((resolve) => (finished = resolve));
    // Its own lines say they are the bot's, apart from the process's own shutdown that follows.
    const session: Session = { steps: createShutdown(this.#logger.child({ part: 'playground bot' }), (code) => { finished(code); if (!session.stopping) this.#onOwnStop(code); }), stopped, stopping: false };
    this.#current = session;
    const started = this.#start(session.steps);
    session.steps.awaitStartup(started);
    await started;
  }

  /** Stops the bot, runs `between` while nothing holds the data, then starts the bot again. */
  restart(between: () => Promise<void>): Promise<void> {
    return this.#enqueue(async () => {
      if (this.#closed) throw new Error('the playground is shutting down');
      await this.#stopCurrent('playground reset');
      await between();
      await this.start().catch((error: unknown) => {
        this.#logger.fatal({ err: error }, 'the bot could not start again after the reset');
        this.#onOwnStop(1);
        throw error;
      });
    });
  }

  /** The final stop (process shutdown): waits for a restart in progress, then stops for good. */
  stop(): Promise<void> {
    return this.#enqueue(async () => {
      this.#closed = true;
      await this.#stopCurrent('shutting down');
    });
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(task);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #stopCurrent(reason: string): Promise<void> {
    const session = this.#current;
    if (!session) return;
    this.#current = undefined;
    session.stopping = true;
    session.steps.begin(reason);
    if ((await session.stopped) !== 0) throw new Error('the bot did not stop cleanly; see the log');
  }
}
