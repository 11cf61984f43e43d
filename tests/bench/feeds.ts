// Feed benchmark: 50 feeds of 50 items served locally. The cost of a poll (time, CPU, memory),
// of a quiet poll (every feed answers 304), and the bot's answers to readers during a poll
// beside the same readers without one, in the same process as in production.
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import type { TgUser } from '../../src/emulator/types.ts';
import { type FeedService, startFeedService } from '../../src/ingest/feeds/service.ts';
import { openFeedFiles } from '../../src/store/open-stores.ts';
import { Library } from '../../src/library.ts';
import { createLogger } from '../../src/logger.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { rss } from '../helpers/feed-xml.ts';
import { startOurBot, typing, words } from './bot.ts';
import { buildVocabulary, generateArticle, rng } from './corpus.ts';
import { fmt, heapMb, latencySummary, mb } from './stats.ts';

const FEEDS = 50;
const ITEMS = 50;
const READERS = 200;
/** Readers' updates in flight at once. */
const IN_FLIGHT = 50;
/** Updates in the saturated run without a poll. */
const BASELINE_UPDATES = 1_000;
/** Updates per second in the paced runs: a busy bot's evening, well below saturation. */
const PACED_RATE = 20;
/** Seconds of the paced run without a poll. */
const PACED_SECONDS = 10;

function feedDocuments(set: string, vocab: ReturnType<typeof buildVocabulary>, random: () => number): Map<string, string> {
  const docs = new Map<string, string>();
  const day = Date.parse('2026-11-26T00:00:00Z');
  for (let f = 0; f < FEEDS; f++) {
    const items = Array.from({ length: ITEMS }, (_, i) => {
      const a = generateArticle(vocab, random);
      return {
        guid: `${set}-${f}-${i}`,
        link: `https://feed${f}.example/${set}/${i}?utm_source=rss`,
        title: a.title,
        pubDate: new Date(day + (f * ITEMS + i) * 60_000).toUTCString(),
        description: a.paragraphs[0] ?? '',
        content: `${a.paragraphs.map((p) => `<p>${p}</p>`).join('')}<img src="https://t.example/p.gif" width="1" height="1">`,
        categories: ['أخبار'],
      };
    });
    docs.set(`/${set}/${f}.xml`, rss(`مصدر ${set} ${f}`, items));
  }
  return docs;
}

async function serveFeeds(docs: Map<string, string>) {
  const server = createServer((req, res) => {
    const body = docs.get(req.url ?? '');
    if (!body) return void res.writeHead(404).end();
    const etag = `"${body.length}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

interface PollCost {
  ms: number;
  cpuMs: number;
  heapBefore: number;
  heapAfter: number;
  rssPeak: number;
  created: number;
  /** Event-loop delay during the poll (ms): how long an update could wait behind the poll's work. */
  loopP99: number;
  loopMax: number;
}

/** Runs `poll` and measures it: wall time, process CPU, heap before and after, peak RSS. */
async function measure(poll: () => Promise<{ new: number }[]>): Promise<PollCost> {
  const heapBefore = heapMb();
  let rssPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const reports = await poll();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  loop.disable();
  return {
    ms, cpuMs: (used.user + used.system) / 1000, heapBefore, heapAfter: heapMb(), rssPeak: mb(rssPeak), created: reports.reduce((n, r) => n + r.new, 0),
    loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6,
  };
}

const costLine = (c: PollCost) =>
  `${fmt(c.ms / 1000, 2)} s wall, ${fmt(c.cpuMs / 1000, 2)} s CPU, ${c.created} new articles, heap ${c.heapBefore} → ${c.heapAfter} MB, peak RSS ${c.rssPeak} MB, event-loop delay p99 ${fmt(c.loopP99)} ms, max ${fmt(c.loopMax)} ms`;

export async function benchFeeds(dataDir: string, log: (line: string) => void): Promise<void> {
  const logger = createLogger({ level: 'silent' });
  const random = rng(23);
  const vocab = buildVocabulary(20_000, random);
  const docs = new Map([...feedDocuments('a', vocab, random), ...feedDocuments('b', vocab, random), ...feedDocuments('c', vocab, random)]);
  const server = await serveFeeds(docs);
  const articles = await ArticleRepository.open(dataDir);
  const library = Library.open(articles, dataDir, logger);
  await library.ready();
  const feedBytes = [...docs.values()].reduce((n, d) => n + Buffer.byteLength(d), 0) / docs.size;
  log(`feeds: load average ${os.loadavg().map((l) => fmt(l, 1)).join(' ')} on ${os.cpus().length} cores (wall times and rates depend on it; CPU seconds much less)`);
  log(`feeds: ${FEEDS} feeds × ${ITEMS} items (RSS 2.0, content:encoded), ${fmt(feedBytes / 1024, 0)} KB a feed, store of ${articles.size} articles`);
  const services: FeedService[] = [];
  const start = async (set: string) => {
    const service = await startFeedService({
      stores: await openFeedFiles(join(dataDir, `feeds-${set}`)),
      feeds: Array.from({ length: FEEDS }, (_, f) => `${server.base}/${set}/${f}.xml`),
      cron: '0 0 1 1 *',
      timeoutMs: 15_000,
      fullText: false,
      library,
      logger,
    });
    services.push(service);
    return service;
  };
  try {
    // A poll that finds 2,500 new items (the start-up poll joins it), then a quiet one: all 304.
    const alone = await measure(async () => (await start('a')).poll());
    log(`feeds poll alone: ${costLine(alone)}`);
    const quiet = await measure(() => (services[0] as FeedService).poll());
    log(`feeds quiet poll (all 304): ${costLine(quiet)}`);

    const { emulator, running, polling } = await startOurBot(library, dataDir, logger);
    const readers = Array.from({ length: READERS }, (_, i) => emulator.user(30_000 + i));
    const queries = words(articles, random);
    let next = 0;
    /** The next reader types the next query (at once); resolves with milliseconds to the answer. */
    const searchOnce = async (): Promise<number> => {
      const i = next++;
      const user = readers[i % READERS] as TgUser;
      const step = typing(emulator, user, emulator.privateChat(user), queries[i % queries.length] ?? 'الصين')();
      const t = performance.now();
      step.act();
      await emulator.waitFor(step.done, 60_000, 'a reply');
      return performance.now() - t;
    };
    /** Readers search until `until` says stop; returns updates answered, per second, latencies. */
    const readersSearch = async (until: () => boolean) => {
      const latency: number[] = [];
      const started = performance.now();
      const worker = async () => {
        while (!until()) latency.push(await searchOnce());
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      const seconds = (performance.now() - started) / 1000;
      return { answered: latency.length, perSecond: latency.length / seconds, seconds, ...latencySummary(latency) };
    };
    /** Readers search at a steady `PACED_RATE` until `until` says stop; each answer's latency. */
    const readersPaced = async (until: () => boolean) => {
      const latency: number[] = [];
      const pending: Promise<void>[] = [];
      const started = performance.now();
      while (!until()) {
        pending.push(searchOnce().then((ms) => void latency.push(ms)));
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + (pending.length * 1000) / PACED_RATE - performance.now())));
      }
      await Promise.all(pending);
      return { sent: pending.length, answered: latency.length, ...latencySummary(latency) };
    };
    await readersSearch(() => next >= READERS); // warm-up
    const pacedEnd = performance.now() + PACED_SECONDS * 1000;
    const pacedWithout = await readersPaced(() => performance.now() >= pacedEnd);
    let pacedPolled = false;
    const pacedDuring = measure(async () => (await start('c')).poll()).finally(() => (pacedPolled = true));
    const pacedWith = await readersPaced(() => pacedPolled);
    const pacedPoll = await pacedDuring;
    const paced = (r: typeof pacedWith) => `${r.answered} of ${r.sent} updates answered, reply latency p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms, max ${fmt(r.max)} ms`;
    log(`feeds bot without a poll (${PACED_RATE} searches/s): ${paced(pacedWithout)}`);
    log(`feeds bot during a poll  (${PACED_RATE} searches/s): ${paced(pacedWith)}`);
    log(`feeds poll under ${PACED_RATE} searches/s: ${costLine(pacedPoll)}`);
    const baselineEnd = next + BASELINE_UPDATES;
    const without = await readersSearch(() => next >= baselineEnd);
    let polled = false;
    const during = measure(async () => (await start('b')).poll()).finally(() => (polled = true));
    const withPoll = await readersSearch(() => polled);
    const underLoad = await during;
    const line = (r: typeof without) => `${r.answered} updates in ${fmt(r.seconds, 2)} s: ${fmt(r.perSecond, 0)} updates/s, reply latency p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms, max ${fmt(r.max)} ms`;
    log(`feeds bot without a poll (${IN_FLIGHT} searches in flight): ${line(without)}`);
    log(`feeds bot during a poll  (${IN_FLIGHT} searches in flight): ${line(withPoll)}`);
    log(`feeds poll under ${IN_FLIGHT} searches in flight: ${costLine(underLoad)}`);
    await polling.stop();
    await running.close();
  } finally {
    for (const s of services) await s.stop();
    await server.close();
  }
}
