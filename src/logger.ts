// pino, with the bot token redacted from every line, wherever it appears.
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

const TOKEN_PATTERN = /\d{6,}:[A-Za-z0-9_-]{20,}/g;
const REDACTED = '[token]';

/** Replaces anything shaped like a bot token (and the configured one) in a serialised line. */
export function redactTokens(line: string, token?: string): string {
  const masked = token ? line.split(token).join(REDACTED) : line;
  return masked.replace(TOKEN_PATTERN, REDACTED);
}

/** Streams with an error listener, and those whose reader has gone (see createLogger). */
const watched = new WeakSet<NodeJS.WritableStream>();
const closed = new WeakSet<NodeJS.WritableStream>();
/** pino's number for "error": this level and above count as errors for /stats and /metrics. */
const ERROR_LEVEL = 50;

export function createLogger(options: { level: string; token?: string; destination?: NodeJS.WritableStream; onError?: () => void }): Logger {
  const out = options.destination ?? process.stdout;
  // A reader that went away (a closed pipe: `| head`, a test runner or supervisor that died)
  // makes every later write fail; without a listener each failure is an uncaught exception,
  // whose log line fails again. The lines have nowhere to go, so they are dropped.
  if (!watched.has(out)) {
    watched.add(out);
    out.on('error', () => closed.add(out));
  }
  const stream = { write: (line: string) => void (closed.has(out) || out.write(redactTokens(line, options.token))) };
  const config: LoggerOptions = {
    level: options.level,
    base: undefined,
    // Tokens also hide in URLs of failed API calls (https://api.telegram.org/bot<TOKEN>/sendMessage).
    redact: { paths: ['token', 'botToken', 'config.BOT_TOKEN', '*.token'], censor: REDACTED },
    // Every error written (children included) is counted for /stats and /metrics.
    ...(options.onError ? { hooks: { logMethod(args, method, level) {
      if (level >= ERROR_LEVEL) options.onError?.();
      method.apply(this, args);
    } } } : {}),
  };
  return pino(config, stream);
}

/**
 * For the few lines written before (or instead of) a logger: a failed start-up explained to the
 * operator in plain text on stderr, with tokens masked as in the log.
 */
export function writeFailure(text: string, token?: string): void {
  process.stderr.write(`${redactTokens(text, token)}\n`);
}
