// Feeds the telemetry from the bot: every update's handling time, and how each Bot API call ended
// (after auto-retry, so a send retried into success counts once, as a success).
import type { Middleware, Transformer } from 'grammy';
import type { CallOutcome, Telemetry } from '../ops/telemetry.ts';
import type { BotContext } from './context.ts';

export function outcomeOf(errorCode: number): CallOutcome {
  if (errorCode === 400) return 'bad_request';
  if (errorCode === 403) return 'forbidden';
  if (errorCode === 429) return 'flood';
  return 'api_error';
}

/** Installed last, so it sees each call's final result. */
export function observeApi(telemetry: Telemetry): Transformer {
  return async (prev, method, payload, signal) => {
    telemetry.apiCallStarted(method);
    try {
      const response = await prev(method, payload, signal);
      telemetry.apiCall(method, response.ok ? 'ok' : outcomeOf(response.error_code));
      return response;
    } catch (error) {
      // Stopping the bot aborts its pending getUpdates: that is not a failure, but not a success.
      telemetry.apiCall(method, signal?.aborted ? 'aborted' : 'network');
      throw error;
    }
  };
}

/** Goes first, so the time includes waiting behind the same chat's earlier updates. */
export function observeUpdates(telemetry: Telemetry): Middleware<BotContext> {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const type = Object.keys(ctx.update).find((key) => key !== 'update_id') ?? 'unknown';
      telemetry.updateHandled(type, (performance.now() - started) / 1000);
    }
  };
}
