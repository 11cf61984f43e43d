// A real logger whose lines a test reads back as parsed JSON objects.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.ts';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** The token-redacting pino logger at level info, writing into `lines` (through `destination`, for loggers made elsewhere). */
export function captureLogs(): { lines: LogLine[]; logger: Logger; destination: Writable } {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination: sink }), destination: sink };
}
