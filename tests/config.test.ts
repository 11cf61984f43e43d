import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from '../src/config.ts';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

describe('parseConfig', () => {
  it('fills every default', () => {
    const c = parseConfig({});
    assert.equal(c.BOT_API_ROOT, 'https://api.telegram.org');
    assert.equal(c.DATA_DIR, './data');
    assert.equal(c.SEEDS_DIR, './seeds');
    assert.equal(c.DEFAULT_TIMEZONE, 'Asia/Riyadh');
    assert.deepEqual(c.ADMIN_IDS, []);
    assert.equal(c.LOG_LEVEL, 'info');
    assert.equal(c.BOT_TOKEN, undefined);
    assert.equal(c.PLAYGROUND_PORT, 8080);
    assert.equal(c.PLAYGROUND_DATA, 'DATA_DIR');
    assert.equal(c.HEALTH_PORT, undefined, 'the health server is off by default');
  });

  it('reads the playground settings (0 picks a free port)', () => {
    const c = parseConfig({ PLAYGROUND_PORT: '0', PLAYGROUND_DATA: 'temp' });
    assert.equal(c.PLAYGROUND_PORT, 0);
    assert.equal(c.PLAYGROUND_DATA, 'temp');
  });

  it('stores DEFAULT_TIMEZONE as IANA spells it, whatever its case', () => {
    for (const [typed, canonical] of [['asia/riyadh', 'Asia/Riyadh'], ['AFRICA/CAIRO', 'Africa/Cairo'], ['aSiA/dUbAi', 'Asia/Dubai'], ['utc', 'UTC'], ['Asia/Riyadh', 'Asia/Riyadh']]) {
      assert.equal(parseConfig({ DEFAULT_TIMEZONE: typed }).DEFAULT_TIMEZONE, canonical, typed);
    }
  });

  it('reads every variable', () => {
    const c = parseConfig({ BOT_TOKEN: TOKEN, BOT_API_ROOT: 'http://127.0.0.1:8081', ADMIN_IDS: '1, 22,333', DEFAULT_TIMEZONE: 'Africa/Cairo', LOG_LEVEL: 'debug', HEALTH_PORT: '9464' });
    assert.equal(c.BOT_TOKEN, TOKEN);
    assert.equal(c.HEALTH_PORT, 9464);
    assert.deepEqual(c.ADMIN_IDS, [1, 22, 333]);
    assert.equal(c.DEFAULT_TIMEZONE, 'Africa/Cairo');
  });

  const invalid: [Record<string, string>, RegExp][] = [
    [{ BOT_TOKEN: 'not-a-token' }, /^BOT_TOKEN must look like/],
    [{ BOT_API_ROOT: 'localhost' }, /^BOT_API_ROOT must be a URL/],
    [{ DEFAULT_TIMEZONE: 'Mars/Olympus' }, /^DEFAULT_TIMEZONE must be an IANA time zone/],
    [{ ADMIN_IDS: '12,abc' }, /^ADMIN_IDS.*numeric/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL/],
    [{ DIGEST_GRACE_HOURS: '-1' }, /^DIGEST_GRACE_HOURS/],
    [{ PLAYGROUND_PORT: '70000' }, /^PLAYGROUND_PORT must be 0 \(any free port\) to 65535/],
    [{ PLAYGROUND_PORT: 'eighty' }, /^PLAYGROUND_PORT/],
    [{ PLAYGROUND_DATA: 'tmp' }, /^PLAYGROUND_DATA must be DATA_DIR .* or temp/],
    [{ HEALTH_PORT: 'http' }, /^HEALTH_PORT must be a port number/],
    [{ HEALTH_PORT: '70000' }, /^HEALTH_PORT must be a port number/],
    [{ HEALTH_PORT: '80.5' }, /^HEALTH_PORT must be a port number/],
  ];
  for (const [env, message] of invalid) {
    it(`names the variable when ${Object.keys(env)[0]} is invalid`, () => {
      assert.throws(() => parseConfig(env), (e: unknown) => e instanceof ConfigError && message.test(e.message));
    });
  }

  it('never echoes a bad token back', () => {
    assert.throws(() => parseConfig({ BOT_TOKEN: '123:short' }), (e: unknown) => !(e as Error).message.includes('123:short'));
  });
});

describe('parseConfig: feeds', () => {
  it('defaults to no feeds, a poll every 10 minutes, 15 s, teasers kept, everything retained', () => {
    const c = parseConfig({});
    assert.deepEqual(c.FEEDS, []);
    assert.equal(c.FEED_POLL_CRON, '*/10 * * * *');
    assert.equal(c.FEED_TIMEOUT_MS, 15_000);
    assert.equal(c.FEED_FULL_TEXT, false);
    assert.equal(c.RETENTION_DAYS, undefined);
  });

  it('reads feeds, a cron with seconds, the time limit, full text and retention', () => {
    const c = parseConfig({ FEEDS: 'https://a.example/rss, http://b.example/atom.xml', FEED_POLL_CRON: '*/30 * * * * *', FEED_TIMEOUT_MS: '2000', FEED_FULL_TEXT: '1', RETENTION_DAYS: '30' });
    assert.deepEqual(c.FEEDS, ['https://a.example/rss', 'http://b.example/atom.xml']);
    assert.equal(c.FEED_POLL_CRON, '*/30 * * * * *');
    assert.equal(c.FEED_TIMEOUT_MS, 2000);
    assert.equal(c.FEED_FULL_TEXT, true);
    assert.equal(c.RETENTION_DAYS, 30);
  });

  const invalid: [Record<string, string>, RegExp][] = [
    [{ FEEDS: 'https://a.example/rss,ftp://b.example/feed' }, /^FEEDS must be comma-separated http\(s\) feed addresses/],
    [{ FEED_POLL_CRON: 'every ten minutes' }, /^FEED_POLL_CRON must be a cron expression/],
    [{ FEED_TIMEOUT_MS: '5s' }, /^FEED_TIMEOUT_MS/],
    [{ FEED_FULL_TEXT: 'yes please' }, /^FEED_FULL_TEXT must be 1 or 0/],
    [{ RETENTION_DAYS: '0' }, /^RETENTION_DAYS must be at least 1 day/],
  ];
  for (const [env, message] of invalid) {
    it(`names ${Object.keys(env)[0]} when it is invalid`, () => {
      assert.throws(() => parseConfig(env), (e: unknown) => e instanceof ConfigError && message.test(e.message));
    });
  }
});

describe('parseConfig: webhook', () => {
  it('polls by default; the webhook server would listen on loopback port 3000', () => {
    const c = parseConfig({});
    assert.equal(c.WEBHOOK_URL, undefined);
    assert.equal(c.WEBHOOK_SECRET, undefined);
    assert.equal(c.PORT, 3000);
    assert.equal(c.WEBHOOK_LISTEN_HOST, '127.0.0.1');
  });

  it('reads the public URL, the secret, the port and the listen address', () => {
    const secret = `${'a'.repeat(250)}_-Z9`;
    const c = parseConfig({ WEBHOOK_URL: 'https://bot.example.com/telegram/hook', WEBHOOK_SECRET: secret, PORT: '8443', WEBHOOK_LISTEN_HOST: '0.0.0.0' });
    assert.equal(c.WEBHOOK_URL, 'https://bot.example.com/telegram/hook');
    assert.equal(c.WEBHOOK_SECRET, secret);
    assert.equal(c.PORT, 8443);
    assert.equal(c.WEBHOOK_LISTEN_HOST, '0.0.0.0');
  });

  const invalid: [Record<string, string>, RegExp][] = [
    [{ WEBHOOK_URL: 'http://bot.example.com/hook', WEBHOOK_SECRET: 'abc' }, /^WEBHOOK_URL must be the public https:\/\/ address/],
    [{ WEBHOOK_URL: 'bot.example.com/hook', WEBHOOK_SECRET: 'abc' }, /^WEBHOOK_URL must be the public https:\/\/ address/],
    [{ WEBHOOK_URL: 'https://bot.example.com/hook' }, /^WEBHOOK_SECRET is required when WEBHOOK_URL is set/],
    [{ WEBHOOK_URL: 'https://bot.example.com/hook', WEBHOOK_SECRET: 'كلمة_سر' }, /^WEBHOOK_SECRET must be 1 to 256 characters from A-Z a-z 0-9 _ -/],
    [{ WEBHOOK_URL: 'https://bot.example.com/hook', WEBHOOK_SECRET: 'with space' }, /^WEBHOOK_SECRET must be 1 to 256 characters/],
    [{ WEBHOOK_URL: 'https://bot.example.com/hook', WEBHOOK_SECRET: 'a'.repeat(257) }, /^WEBHOOK_SECRET must be 1 to 256 characters/],
    [{ PORT: '65536' }, /^PORT must be 0 \(any free port\) to 65535/],
    [{ PORT: 'https' }, /^PORT must be a port number/],
  ];
  for (const [env, message] of invalid) {
    it(`refuses ${JSON.stringify(env).slice(0, 90)}`, () => {
      assert.throws(() => parseConfig(env), (e: unknown) => e instanceof ConfigError && message.test(e.message));
    });
  }
});

describe('parseConfig: BODY_READS', () => {
  it('reads bodies adaptively unless told to use the thread pool always', () => {
    assert.equal(parseConfig({}).BODY_READS, 'adaptive');
    assert.equal(parseConfig({ BODY_READS: 'thread-pool' }).BODY_READS, 'thread-pool');
    assert.throws(() => parseConfig({ BODY_READS: 'sync' }), (e: unknown) => e instanceof ConfigError && /^BODY_READS must be adaptive .* or thread-pool/.test(e.message));
  });
});

describe('parseConfig: PostgreSQL', () => {
  it('keeps lowdb by default; a pool of 10 connections once DATABASE_URL is set', () => {
    const c = parseConfig({});
    assert.equal(c.DATABASE_URL, undefined);
    assert.equal(c.DATABASE_POOL_MAX, 10);
    assert.equal(parseConfig({ DATABASE_URL: 'postgres://khulasa@db.example.com/khulasa', DATABASE_POOL_MAX: '25' }).DATABASE_POOL_MAX, 25);
  });

  it('leaves a digest job 300 s with the instance that took it, unless DIGEST_JOB_EXPIRY_S says otherwise', () => {
    assert.equal(parseConfig({}).DIGEST_JOB_EXPIRY_S, 300);
    assert.equal(parseConfig({ DIGEST_JOB_EXPIRY_S: '30' }).DIGEST_JOB_EXPIRY_S, 30);
  });

  const invalid: [Record<string, string>, RegExp][] = [
    [{ DATABASE_POOL_MAX: '1' }, /^DATABASE_POOL_MAX must be at least 2/],
    [{ DATABASE_POOL_MAX: 'ten' }, /^DATABASE_POOL_MAX must be a whole number/],
    [{ DATABASE_POOL_MAX: '2.5' }, /^DATABASE_POOL_MAX must be a whole number/],
    [{ DIGEST_JOB_EXPIRY_S: '2' }, /^DIGEST_JOB_EXPIRY_S must be at least 5 seconds/],
    [{ DIGEST_JOB_EXPIRY_S: '1.5' }, /^DIGEST_JOB_EXPIRY_S must be a whole number of seconds/],
  ];
  for (const [env, message] of invalid) {
    it(`refuses ${JSON.stringify(env)}`, () => {
      assert.throws(() => parseConfig(env), (e: unknown) => e instanceof ConfigError && message.test(e.message));
    });
  }
});
