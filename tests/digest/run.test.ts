// What one digest run costs and records: the window each chat covers, how far back it reaches,
// and which article bodies it reads. Delivery through Telegram is tested in tests/e2e/delivery.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { pickDigestItems, toCandidate } from '../../src/digest/build.ts';
import { MAX_LOOKBACK_MS, windowStart } from '../../src/digest/compose.ts';
import type { SendPace } from '../../src/digest/pacer.ts';
import { runDueDigests, type DigestDeps } from '../../src/digest/run.ts';
import type { Article, ChatRecord, Subscription } from '../../src/domain.ts';
import { createLogger } from '../../src/logger.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { ChatRepository } from '../../src/store/chat-repository.ts';
import { StoreError } from '../../src/store/errors.ts';
import { seedArticles } from '../helpers/seed-articles.ts';
import { tempDir } from '../helpers/tmp.ts';

const NOW = new Date('2026-06-07T09:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
// Riyadh is UTC+3: 11:00 local, two hours before NOW (12:00 local), within a 6-hour grace.
const sub = (topics: string[] = [], time = '11:00'): Subscription => ({ time, timeZone: 'Asia/Riyadh', topics, size: 5, createdAt: daysAgo(400), updatedAt: daysAgo(400) });

/** The seed's two articles, one that arrived 30 days ago and one an hour ago; and a spy on body loads. */
async function setup(chatsWith: Partial<ChatRecord>[]) {
  const dir = await tempDir();
  const articles = await ArticleRepository.open(dir);
  const [japan, china] = seedArticles() as [Article, Article];
  const old = { ...japan, ingestedAt: daysAgo(30), publishedAt: daysAgo(30) };
  const fresh = { ...china, ingestedAt: daysAgo(1 / 24), publishedAt: daysAgo(1 / 24) };
  await articles.upsertMany([old, fresh], (_existing, article) => ({ article, change: 'created' }));
  const loaded: string[] = [];
  const get = articles.get.bind(articles);
  articles.get = (id) => {
    loaded.push(id);
    return get(id);
  };
  const chats = await ChatRepository.open(dir);
  for (const [i, record] of chatsWith.entries()) await chats.update(1000 + i, (r) => Object.assign(r, record), { type: 'private' });
  const sent: { chatId: number; text: string }[] = [];
  const deps: DigestDeps = {
    chats, articles, logger: createLogger({ level: 'silent' }), graceHours: 6,
    send: async (chatId, text) => void sent.push({ chatId, text }),
    sender: { ratePerSecond: 1000, concurrency: 2 },
  };
  return { deps, chats, sent, loaded, old, fresh };
}

describe('a digest run', () => {
  it('sends every other chat its digest when one subscription cannot be scheduled, and says which', async () => {
    // chats.json is checked at start; a record from PostgreSQL, or a zone this runtime's time-zone
    // data lacks, still reaches the schedule.
    const { deps, sent } = await setup([{ subscription: { ...sub(), timeZone: 'Mars/Olympus_Mons' } }, { subscription: sub() }]);
    let logs = '';
    const sink = new Writable({ write(chunk, _enc, done) { logs += String(chunk); done(); } });
    const report = await runDueDigests(NOW, { ...deps, logger: createLogger({ level: 'info', destination: sink }) });
    assert.equal(report.sent, 1);
    assert.deepEqual(sent.map((m) => m.chatId), [1001]);
    const warning = logs.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { chatId?: number; msg: string }).find((l) => l.chatId === 1000);
    assert.match(warning?.msg ?? '', /digest not scheduled/);
  });

  it('reaches back at most a week, however old the last digest', async () => {
    assert.equal(windowStart(daysAgo(90), NOW), daysAgo(MAX_LOOKBACK_MS / 86_400_000));
    assert.equal(windowStart(undefined, NOW), daysAgo(7), 'a chat that never had a digest too');
    assert.equal(windowStart(daysAgo(2), NOW), daysAgo(2), 'a recent marker is kept');
    const { deps, sent, old, fresh } = await setup([{ subscription: sub(), lastDigestAt: daysAgo(90) }]);
    const report = await runDueDigests(NOW, deps);
    assert.equal(report.sent, 1);
    assert.ok(sent[0]?.text.includes('الصين توافق'), 'the fresh article is in');
    assert.ok(!sent[0]?.text.includes(old.title.slice(0, 30)), `the month-old one is not (${fresh.id} only)`);
  });

  it('moves the window on "empty" and "skipped" as on "sent"', async () => {
    const { deps, chats } = await setup([
      // Topics nothing matches: empty.
      { subscription: sub(['كرة القدم']), lastDigestAt: daysAgo(3) },
      // Due at 03:00 local (00:00 UTC), nine hours ago: beyond the grace period, skipped.
      { subscription: sub([], '03:00'), lastDigestAt: daysAgo(3) },
    ]);
    const report = await runDueDigests(NOW, deps);
    assert.deepEqual([report.empty, report.skipped, report.sent], [1, 1, 0]);
    assert.deepEqual([chats.get(1000)?.lastDigestOutcome, chats.get(1000)?.lastDigestAt], ['empty', NOW.toISOString()]);
    assert.deepEqual([chats.get(1001)?.lastDigestOutcome, chats.get(1001)?.lastDigestAt], ['skipped', NOW.toISOString()]);
  });

  it('reads the bodies of the chosen items only, once however many chats choose them', async () => {
    const { deps, loaded, fresh } = await setup([
      { subscription: sub(), lastDigestAt: daysAgo(60) },
      { subscription: sub(['الصين']), lastDigestAt: daysAgo(60) },
      { subscription: sub(['كرة القدم']), lastDigestAt: daysAgo(60) },
    ]);
    const report = await runDueDigests(NOW, deps);
    assert.deepEqual([report.sent, report.empty], [2, 1]);
    assert.deepEqual(loaded, [fresh.id], 'the month-old article and the unmatched chat load nothing');
  });

  it('on a failed pace call starts no more sends and has every sent digest recorded before it fails', async () => {
    const { deps, chats, sent } = await setup(Array.from({ length: 12 }, () => ({ subscription: sub(), lastDigestAt: daysAgo(2) })));
    let takes = 0;
    let failed = false;
    const afterFailure: number[] = [];
    // A database blip on the fifth slot; sends and marker writes still under way when it comes.
    const pace: SendPace = {
      take: async () => {
        await new Promise((r) => setImmediate(r));
        if (++takes === 5) {
          failed = true;
          throw new Error('timeout exceeded when trying to connect');
        }
      },
      holdFor: async () => undefined,
    };
    const slow = <T>(value: T) => new Promise<T>((r) => setTimeout(() => r(value), 20));
    const send = deps.send;
    const update = chats.update.bind(chats);
    chats.update = async (...args) => update(...(await slow(args)));
    const run = runDueDigests(NOW, {
      ...deps,
      send: async (chatId, text, options) => {
        if (failed) afterFailure.push(chatId);
        await slow(undefined);
        return send(chatId, text, options);
      },
      sender: { ratePerSecond: 1000, concurrency: 3, pace },
    });
    await assert.rejects(run, /timeout exceeded/);
    assert.deepEqual(afterFailure, [], 'no send starts after the failure');
    assert.ok(sent.length > 0 && sent.length < 12, `${sent.length} sent before the failure`);
    for (const { chatId } of sent) assert.equal(chats.get(chatId)?.lastDigestOutcome, 'sent', `chat ${chatId}'s marker is written before the run fails`);
  });

  it('leaves out an article whose body cannot be read, logs it, and sends every chat the rest', async () => {
    const dir = await tempDir();
    const articles = await ArticleRepository.open(dir);
    const [japan, china] = seedArticles() as [Article, Article];
    await articles.upsertMany([japan, china].map((a, i) => ({ ...a, ingestedAt: daysAgo((i + 1) / 24), publishedAt: daysAgo((i + 1) / 24) })), (_existing, article) => ({ article, change: 'created' }));
    const get = articles.get.bind(articles);
    articles.get = (id) => (id === japan.id ? Promise.reject(new StoreError(`/data/articles/body/${id}.json`, 'the article bodies shard file is not valid JSON', 'left untouched')) : get(id));
    const chats = await ChatRepository.open(dir);
    for (const id of [1, 2]) await chats.update(id, (r) => Object.assign(r, { subscription: sub(), lastDigestAt: daysAgo(2) }), { type: 'private' });
    let logs = '';
    const sink = new Writable({ write(chunk, _enc, done) { logs += String(chunk); done(); } });
    const sent: { chatId: number; text: string }[] = [];
    const report = await runDueDigests(NOW, {
      chats, articles, logger: createLogger({ level: 'info', destination: sink }), graceHours: 6,
      send: async (chatId, text) => void sent.push({ chatId, text }),
      sender: { ratePerSecond: 1000, concurrency: 2 },
    });
    assert.equal(report.sent, 2, 'no chat loses its digest to one damaged file');
    for (const { text } of sent) {
      assert.ok(text.includes('الصين توافق'), 'the readable article is in');
      assert.ok(!text.includes(japan.title.slice(0, 30)), 'the unreadable one is left out');
    }
    assert.equal(logs.split('\n').filter((l) => l.includes('left out of the digests') && l.includes(japan.id)).length, 1, 'logged once, however many chats chose it');
  });

  it('matches the words analysed once per run, not the article again for each chat', () => {
    const [japan, china] = seedArticles() as [Article, Article];
    // Japan's metadata carrying China's analysed words: the match follows the words.
    const candidate = { ...toCandidate(japan), words: toCandidate(china).words };
    assert.equal(pickDigestItems([candidate], { since: undefined, topics: ['اليابان'], size: 5 }).length, 0);
    assert.equal(pickDigestItems([candidate], { since: undefined, topics: ['الصين'], size: 5 }).length, 1);
  });
});
