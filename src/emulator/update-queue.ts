// The bot's side of updates: a queue confirmed by offset, and long polling that answers as soon
// as an update arrives, as getUpdates does on Telegram.
import type { EventEmitter } from 'node:events';
import { type Params, asNumber } from './validate.ts';
import { ApiError, type TgUpdate } from './types.ts';

/** Seconds: the longest long poll Telegram honours. */
const MAX_POLL_TIMEOUT_S = 50;

export class UpdateQueue {
  readonly #updates: TgUpdate[] = [];
  readonly #pollers = new Set<() => void>();
  readonly #events: EventEmitter;
  #nextUpdateId = 1;

  constructor(events: EventEmitter) {
    this.#events = events;
  }

  push(kind: string, payload: unknown): TgUpdate {
    const update: TgUpdate = { update_id: this.#nextUpdateId++, [kind]: payload };
    this.#updates.push(update);
    this.#events.emit('update', update);
    return update;
  }

  get pending(): number {
    return this.#updates.length;
  }

  getUpdates(params: Params): Promise<TgUpdate[]> | TgUpdate[] {
    const offset = params.offset === undefined ? 0 : asNumber(params.offset, 'offset');
    const limit = Math.min(100, Math.max(1, params.limit === undefined ? 100 : asNumber(params.limit, 'limit')));
    const timeout = Math.min(MAX_POLL_TIMEOUT_S, Math.max(0, params.timeout === undefined ? 0 : asNumber(params.timeout, 'timeout')));
    // Confirming an offset forgets every earlier update, as Telegram does.
    if (offset > 0) while (this.#updates.length > 0 && (this.#updates[0] as TgUpdate).update_id < offset) this.#updates.shift();
    const ready = () => this.#updates.filter((u) => u.update_id >= offset).slice(0, limit);
    const now = ready();
    if (now.length > 0 || timeout === 0) return now;
    // A newer poll ends an older one with 409, as Telegram does.
    for (const end of this.#pollers) end();
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = (conflict: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.#pollers.delete(wake);
        this.#events.off('update', onUpdate);
        if (conflict) reject(new ApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
        else resolve(ready());
      };
      const wake = () => finish(true);
      const onUpdate = () => finish(false);
      const timer = setTimeout(() => finish(false), timeout * 1000);
      this.#pollers.add(wake);
      this.#events.on('update', onUpdate);
    });
  }

  /** Takes every pending update out (a webhook delivers them from now on). */
  drain(): TgUpdate[] {
    return this.#updates.splice(0);
  }

  /** Puts undelivered updates back, in their order (the webhook was deleted). */
  restore(updates: TgUpdate[]): void {
    if (updates.length === 0) return;
    this.#updates.push(...updates);
    this.#updates.sort((a, b) => a.update_id - b.update_id);
    this.#events.emit('update', updates[0]);
  }

  /** Ends a pending long poll without answering it (its client went away). */
  dropPollers(): void {
    for (const end of this.#pollers) end();
  }
}
