// Environment → typed, validated configuration. Read once at start; fails fast with one clear line.
import { existsSync } from 'node:fs';
import cron from 'node-cron';
import { z } from 'zod';
import { resolveTimeZone } from './time.ts';

const TELEGRAM_API_ROOT = 'https://api.telegram.org';
const PORT_RANGE = 'must be a port number from 1 to 65535 (or empty to turn it off)';

/** A check that a string is a URL with one of these protocols ('https:', …). */
const urlWith =
  (...protocols: string[]) =>
  (s: string) => {
    try {
      return protocols.includes(new URL(s).protocol);
    } catch {
      return false;
    }
  };

/** Telegram's charset and length for a webhook's secret_token. */
const WEBHOOK_SECRET_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;
/**
 * The bot speaks plain HTTP behind a TLS proxy, so its port is not one of the four Telegram
 * accepts (443, 80, 88, 8443: the proxy's); 3000 is the usual port of a Node service.
 */
const DEFAULT_WEBHOOK_PORT = 3000;

const schema = z.object({
  BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'must look like 123456789:AA… (the token @BotFather gave you)')
    .optional(),
  BOT_API_ROOT: z.url('must be a URL such as https://api.telegram.org').default(TELEGRAM_API_ROOT),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  SEEDS_DIR: z.string().min(1, 'must not be empty').default('./seeds'),
  // A hung network file system must not freeze the bot: there, every read goes through the thread pool.
  BODY_READS: z.enum(['adaptive', 'thread-pool'], 'must be adaptive (synchronous while steps take under 1 ms) or thread-pool (always through the thread pool: for network file systems)').default('adaptive'),
  // Stored as the runtime spells it (asia/riyadh → Asia/Riyadh), like a zone chosen in the bot.
  DEFAULT_TIMEZONE: z
    .string()
    .default('Asia/Riyadh')
    .transform((tz, ctx) => resolveTimeZone(tz) ?? (ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Asia/Riyadh' }), z.NEVER)),
  ADMIN_IDS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^\d+$/, 'must be comma-separated numeric Telegram user ids').transform(Number))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PLAYGROUND_PORT: z.coerce.number().int('must be a port number').min(0, 'must be 0 (any free port) to 65535').max(65535, 'must be 0 (any free port) to 65535').default(8080),
  PLAYGROUND_DATA: z.enum(['DATA_DIR', 'temp'], 'must be DATA_DIR (the configured folder) or temp (a fresh folder, removed on exit)').default('DATA_DIR'),
  /** Off unless set: /healthz and /metrics on 127.0.0.1 at this port. */
  HEALTH_PORT: z.coerce.number({ error: PORT_RANGE }).int(PORT_RANGE).min(1, PORT_RANGE).max(65535, PORT_RANGE).optional(),
  DIGEST_GRACE_HOURS: z.coerce.number().min(0, 'must be zero or more hours').max(24, 'must be at most 24 hours').default(6),
  /** PostgreSQL only: seconds a digest job stays with the instance that took it before another may take it over. */
  DIGEST_JOB_EXPIRY_S: z.coerce.number().int('must be a whole number of seconds').min(5, 'must be at least 5 seconds').max(3600, 'must be at most 3600 seconds').default(300),
  FEEDS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine(urlWith('http:', 'https:'), 'must be comma-separated http(s) feed addresses'))),
  FEED_POLL_CRON: z.string().refine((s) => cron.validate(s), 'must be a cron expression such as */10 * * * * (node-cron; an optional first field is seconds)').default('*/10 * * * *'),
  FEED_TIMEOUT_MS: z.coerce.number().int('must be a whole number of milliseconds').min(100, 'must be at least 100 ms').default(15_000),
  FEED_FULL_TEXT: z.enum(['0', '1', 'true', 'false'], 'must be 1 or 0').default('0').transform((v) => v === '1' || v === 'true'),
  RETENTION_DAYS: z.coerce.number().int('must be a whole number of days').min(1, 'must be at least 1 day (leave it unset to keep everything)').optional(),
  /** Unset: long polling. Set: Telegram POSTs updates to this public address (see start-webhook). */
  WEBHOOK_URL: z.string().refine(urlWith('https:'), 'must be the public https:// address Telegram posts updates to, such as https://bot.example.com/telegram').optional(),
  WEBHOOK_SECRET: z.string().regex(WEBHOOK_SECRET_PATTERN, 'must be 1 to 256 characters from A-Z a-z 0-9 _ - (Telegram sends it back in every webhook request)').optional(),
  /** Webhook mode only: where the bot's own HTTP server listens (0: any free port). */
  PORT: z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0, 'must be 0 (any free port) to 65535').max(65535, 'must be 0 (any free port) to 65535').default(DEFAULT_WEBHOOK_PORT),
  /** Loopback unless told otherwise: only the reverse proxy on this machine should reach the bot. */
  WEBHOOK_LISTEN_HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  /** Unset: lowdb files under DATA_DIR. Set: everything the bot keeps lives in this PostgreSQL database. */
  DATABASE_URL: z.string().refine(urlWith('postgres:', 'postgresql:'), 'must be a PostgreSQL address such as postgres://khulasa:secret@db.example.com:5432/khulasa').optional(),
  /**
   * Connections each instance's store pool may hold (PostgreSQL only). The per-chat lock has a pool
   * of the same size, so an instance opens up to twice this, plus one per notification channel.
   */
  DATABASE_POOL_MAX: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(2, 'must be at least 2').max(1000, 'must be at most 1000').default(10),
}).superRefine((c, ctx) => {
  if (c.WEBHOOK_URL && !c.WEBHOOK_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET'], message: 'is required when WEBHOOK_URL is set: 1 to 256 characters from A-Z a-z 0-9 _ - (for example from `openssl rand -hex 32`)' });
  }
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates an environment. Throws ConfigError naming the variable and what is wrong. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty values mean "not set", as in most .env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  throw new ConfigError(`${name} ${issue?.message ?? 'is invalid'}`);
}

/** Loads `.env` when present (Node's own loader; real environment variables win), then validates. */
export function loadConfig(envFile = '.env'): Config {
  if (existsSync(envFile)) {
    const fromProcess = { ...process.env };
    process.loadEnvFile(envFile);
    Object.assign(process.env, fromProcess);
  }
  return parseConfig(process.env);
}
