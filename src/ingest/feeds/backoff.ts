// When a failing feed is tried again: exponential backoff with jitter, capped. Pure.

/** Milliseconds before the first retry (before jitter): about one default poll interval. */
export const BACKOFF_BASE_MS = 10 * 60_000;
/** Milliseconds: never wait longer than this, so a feed that comes back is read the same day. */
export const BACKOFF_MAX_MS = 6 * 3_600_000;

/**
 * The instant of the next attempt after `failures` failures in a row. Jitter takes the delay
 * down to half at random ("equal jitter"), so feeds that failed together do not retry together.
 */
export function nextAttemptAt(failures: number, now: Date, random: () => number = Math.random): Date {
  const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  const delay = exponential / 2 + (exponential / 2) * random();
  return new Date(now.getTime() + delay);
}
