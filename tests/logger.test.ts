import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger, redactTokens } from '../src/logger.ts';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

describe('logger', () => {
  it('never writes the bot token, wherever it appears', () => {
    let out = '';
    const sink = new Writable({ write(chunk, _enc, done) { out += String(chunk); done(); } });
    const logger = createLogger({ level: 'trace', token: TOKEN, destination: sink });
    logger.info({ token: TOKEN }, 'field');
    logger.info(`message with https://api.telegram.org/bot${TOKEN}/getMe inside`);
    logger.error({ err: new Error(`request to /bot${TOKEN}/sendMessage failed`) }, 'error with a stack');
    logger.debug({ nested: { deeper: { url: `bot${TOKEN}` } } }, 'nested');
    assert.ok(out.split('\n').filter(Boolean).length === 4);
    assert.ok(!out.includes(TOKEN));
    assert.ok(!out.includes('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'));
  });

  it('masks any token-shaped string, not only the configured one', () => {
    assert.equal(redactTokens('x 987654321:ZZZZZZZZZZZZZZZZZZZZZZZZZZ y'), 'x [token] y');
  });

  it('counts each error and fatal line it writes, from children too, and nothing milder', () => {
    let errors = 0;
    const sink = new Writable({ write(_chunk, _enc, done) { done(); } });
    const logger = createLogger({ level: 'info', destination: sink, onError: () => errors++ });
    logger.warn('a warning');
    logger.info('news');
    logger.error({ err: new Error('x') }, 'failed');
    logger.child({ chatId: 5 }).error('child failed');
    logger.fatal('cannot go on');
    assert.equal(errors, 3);
  });
});
