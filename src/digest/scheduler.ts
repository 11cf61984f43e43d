// The digest clock: one node-cron job a minute for all chats (not one per chat), which never
// overlaps itself, plus one run at start so a digest missed while the bot was down goes out.
import cron from 'node-cron';
import type { Logger } from '../logger.ts';

export interface DigestScheduler {
  stop(): Promise<void>;
}

/** node-cron's expression for the clock: every minute, as delivery times are whole minutes. */
export const EVERY_MINUTE = '* * * * *';

export function startDigestScheduler(run: (now: Date) => Promise<unknown>, logger: Logger, every = EVERY_MINUTE): DigestScheduler {
  // Runs are chained: the start-up run and the minute ticks never overlap either.
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = current.then(() => run(new Date())).catch((error: unknown) => logger.error({ err: error }, 'digest run failed'));
    return current;
  };
  const task = cron.schedule(every, tick, { name: 'digests', noOverlap: true });
  void tick();
  return {
    async stop() {
      await task.stop();
      await task.destroy();
      await current;
    },
  };
}
