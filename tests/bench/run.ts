// npm run bench -- [--sizes 10000,100000] [--corpus generated,real] [--only store,search,compare,bot,digest,feeds,scale]
// [--scale-articles 1000000]
// The store is always built (the other benchmarks read it); --only picks what else runs ("compare":
// plain MiniSearch and a linear scan beside our search, the longest part at 100k; "scale": the
// PostgreSQL backend with real bot processes, see scale.ts, run alone without a lowdb store). The real
// corpus is the shared news set beside the clone; without it the run says so and uses the generated one.
// Prints every figure on its own line; the issues' notes quote them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchBot } from './bot.ts';
import { benchDigest, benchDigestComposing } from './digest.ts';
import { type NewsRecord, REAL_CORPUS, readRealCorpus, realCorpusAvailable } from './real-corpus.ts';
import { benchFeeds } from './feeds.ts';
import { benchScale } from './scale.ts';
import { benchSearch } from './search.ts';
import { benchStore, corpusLabel } from './store.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    corpus: { type: 'string', default: 'generated,real' },
    only: { type: 'string', default: 'store,search,compare,bot,digest,feeds' },
    keep: { type: 'boolean', default: false },
    'scale-articles': { type: 'string', default: '1000000' },
  },
});
const sizes = (values.sizes ?? '').split(',').map(Number).filter((n) => n > 0);
const only = new Set((values.only ?? '').split(','));
const log = (line: string) => console.log(line);

console.log(`bench on node ${process.version}, ${new Date().toISOString()}`);
const corpora = new Set((values.corpus ?? '').split(','));
let real: NewsRecord[] | null = null;
if (corpora.has('real')) {
  if (realCorpusAvailable()) real = await readRealCorpus();
  else {
    console.log(`real news corpus not found at ${REAL_CORPUS}: benchmarking the generated corpus only`);
    corpora.add('generated');
  }
}
if (only.has('scale')) await benchScale({ articles: Number(values['scale-articles']), records: real }, log);
// Scale alone needs no lowdb store.
const lowdbParts = [...only].some((part) => part !== 'scale');
const runs = lowdbParts ? [...(corpora.has('generated') ? [null] : []), ...(real ? [real] : [])] : [];
let digestDone = false;
let feedsDone = false;
for (const records of runs) {
  for (const size of sizes) {
    const label = corpusLabel(records, size);
    const root = await mkdtemp(join(tmpdir(), `khulasa-bench-${label.replace(' ', '-')}-`));
    try {
      const store = await benchStore(size, root, log, records);
      if (only.has('search')) await benchSearch(store.dataDir, log, label, only.has('compare'));
      if (only.has('bot')) await benchBot(store.dataDir, log, label);
      // The digest fan-out does not depend on the corpus: run it once.
      if (only.has('digest') && !digestDone) {
        await benchDigestComposing(join(root, 'composing'), store.dataDir, log);
        await benchDigest(join(root, 'digest'), store.dataDir, log);
        digestDone = true;
      }
      // Last, and once: it adds feed items to the store the others measured.
      if (only.has('feeds') && !feedsDone) {
        await benchFeeds(store.dataDir, log);
        feedsDone = true;
      }
    } finally {
      if (!values.keep) await rm(root, { recursive: true, force: true });
    }
  }
}
