// Webhook delivery, as Telegram does it: while a webhook is set, every update is POSTed as JSON
// with the secret header, one chat's updates one at a time and in order, retried with a growing
// pause until the bot answers 2xx. Tests may register several instance addresses: the emulator
// then plays the load balancer in front of the one public URL, spreading requests over them.
import type { UpdateQueue } from './update-queue.ts';
import { ApiError, type TgUpdate } from './types.ts';
import { type Params, parseJsonParam } from './validate.ts';

/** Telegram's own limit on parallel webhook connections, and its default. */
const MAX_CONNECTIONS = 100;
const DEFAULT_CONNECTIONS = 40;
/** Milliseconds before the first retry of a failed delivery, doubled per failure up to the cap. */
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;
/** Milliseconds a webhook may take to answer before the delivery counts as failed. */
const DELIVERY_TIMEOUT_MS = 60_000;
/** Telegram's charset and length for secret_token. */
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

export interface WebhookInfo {
  url: string;
  has_custom_certificate: false;
  pending_update_count: number;
  max_connections?: number;
  allowed_updates?: string[];
  last_error_date?: number;
  last_error_message?: string;
}

interface Hook {
  url: URL;
  secret?: string;
  allowed?: Set<string>;
  maxConnections: number;
}

/**
 * Telegram requires https. Plain http is accepted for loopback addresses only, so that tests
 * reach a bot on this machine without certificates; anything else must be https.
 */
function webhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ApiError(400, 'Bad Request: bad webhook: Failed to resolve host: Name or service not known');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new ApiError(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
  return url;
}

/** The key that orders updates: their chat, else their sender (inline queries have no chat). */
function orderKey(update: TgUpdate): string {
  const body = Object.values(update).find((v) => typeof v === 'object' && v !== null) as { chat?: { id: number }; message?: { chat: { id: number } }; from?: { id: number } } | undefined;
  const id = body?.chat?.id ?? body?.message?.chat.id ?? body?.from?.id;
  return id === undefined ? `update ${update.update_id}` : String(id);
}

const kindOf = (update: TgUpdate) => Object.keys(update).find((k) => k !== 'update_id') ?? '';

export class Webhooks {
  readonly #queue: UpdateQueue;
  #hook: Hook | undefined;
  #instances: string[] = [];
  #nextInstance = 0;
  /** Updates taken from the queue and not yet acknowledged by the bot, oldest first. */
  #pending: TgUpdate[] = [];
  readonly #busy = new Set<string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #lastError: { date: number; message: string } | undefined;
  /** Deliveries attempted, per address: how a test sees the spread over instances. */
  readonly deliveries = new Map<string, number>();

  constructor(queue: UpdateQueue) {
    this.#queue = queue;
  }

  get active(): boolean {
    return this.#hook !== undefined;
  }

  setWebhook(params: Params): true {
    const raw = String(params.url ?? '');
    if (raw === '') return this.deleteWebhook({});
    const url = webhookUrl(raw);
    const secret = params.secret_token === undefined ? undefined : String(params.secret_token);
    if (secret !== undefined && !SECRET_TOKEN.test(secret)) throw new ApiError(400, 'Bad Request: secret token contains unallowed characters');
    const maxConnections = params.max_connections === undefined ? DEFAULT_CONNECTIONS : Number(params.max_connections);
    if (!Number.isInteger(maxConnections) || maxConnections < 1 || maxConnections > MAX_CONNECTIONS) throw new ApiError(400, 'Bad Request: bad webhook: max_connections must be between 1 and 100');
    const allowed = parseJsonParam<string[]>(params.allowed_updates);
    this.#reset();
    this.#hook = { url, maxConnections, ...(secret ? { secret } : {}), ...(allowed?.length ? { allowed: new Set(allowed) } : {}) };
    if (params.drop_pending_updates) {
      this.#pending = [];
      this.#queue.drain();
    }
    this.#take();
    return true;
  }

  /** Stops delivery; what was not acknowledged goes back to getUpdates unless dropped. */
  deleteWebhook(params: Params): true {
    this.#reset();
    this.#hook = undefined;
    this.#lastError = undefined;
    const back = params.drop_pending_updates ? [] : this.#pending;
    this.#pending = [];
    if (params.drop_pending_updates) this.#queue.drain();
    this.#queue.restore(back);
    return true;
  }

  getWebhookInfo(): WebhookInfo {
    const hook = this.#hook;
    if (!hook) return { url: '', has_custom_certificate: false, pending_update_count: this.#queue.pending };
    return {
      url: hook.url.href,
      has_custom_certificate: false,
      pending_update_count: this.#pending.length,
      max_connections: hook.maxConnections,
      ...(hook.allowed ? { allowed_updates: [...hook.allowed] } : {}),
      ...(this.#lastError ? { last_error_date: this.#lastError.date, last_error_message: this.#lastError.message } : {}),
    };
  }

  /** Base addresses (http://host:port) behind the webhook's URL; empty: POST to the URL itself. */
  setInstances(addresses: string[]): void {
    this.#instances = addresses.map((a) => new URL(a).origin);
  }

  /** Called on every new update: while a webhook is set, it leaves the polling queue at once. */
  onUpdate(): void {
    if (this.#hook) this.#take();
  }

  /** Ends every retry timer (the emulator is closing). */
  close(): void {
    this.#reset();
    this.#hook = undefined;
  }

  /** Forgets retries and deliveries in flight: a delivery for a replaced hook ends unheard. */
  #reset(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#busy.clear();
  }

  #take(): void {
    const hook = this.#hook;
    if (!hook) return;
    // Telegram never delivers the kinds a bot did not ask for.
    this.#pending.push(...this.#queue.drain().filter((u) => !hook.allowed || hook.allowed.has(kindOf(u))));
    this.#pump();
  }

  #pump(): void {
    const hook = this.#hook;
    if (!hook) return;
    const seen = new Set<string>();
    for (const update of this.#pending) {
      if (this.#busy.size >= hook.maxConnections) return;
      const key = orderKey(update);
      if (seen.has(key)) continue;
      seen.add(key);
      if (this.#busy.has(key)) continue;
      this.#busy.add(key);
      void this.#deliver(hook, update, key, 0);
    }
  }

  #target(hook: Hook): string {
    if (this.#instances.length === 0) return hook.url.href;
    const base = this.#instances[this.#nextInstance++ % this.#instances.length] as string;
    return new URL(hook.url.pathname + hook.url.search, base).href;
  }

  async #deliver(hook: Hook, update: TgUpdate, key: string, failures: number): Promise<void> {
    const target = this.#target(hook);
    this.deliveries.set(target, (this.deliveries.get(target) ?? 0) + 1);
    let error: string | undefined;
    try {
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(hook.secret ? { 'x-telegram-bot-api-secret-token': hook.secret } : {}) },
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) error = `Wrong response from the webhook: ${res.status} ${res.statusText}`;
    } catch (e) {
      error = `Connection failed: ${(e as Error).message}`;
    }
    if (this.#hook !== hook) return;
    if (error === undefined) {
      this.#pending = this.#pending.filter((u) => u !== update);
      return this.#release(key);
    }
    this.#lastError = { date: Math.floor(Date.now() / 1000), message: error };
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#deliver(hook, update, key, failures + 1);
    }, Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** failures));
    timer.unref();
    this.#timers.add(timer);
  }

  #release(key: string): void {
    this.#busy.delete(key);
    this.#pump();
  }
}
