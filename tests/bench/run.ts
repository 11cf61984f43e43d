// npm run bench -- [--sizes 10000,100000] [--only store,search,bot,digest]
// The store is always built (the other benchmarks read it); --only picks what else runs.
// Prints every figure on its own line; the issues' notes quote them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchBot } from './bot.ts';
import { benchDigest, benchDigestComposing } from './digest.ts';
import { benchSearch } from './search.ts';
import { benchStore } from './store.ts';

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '10000,100000' }, only: { type: 'string', default: 'store,search,bot,digest' }, keep: { type: 'boolean', default: false } },
});
const sizes = (values.sizes ?? '').split(',').map(Number).filter((n) => n > 0);
const only = new Set((values.only ?? '').split(','));
const log = (line: string) => console.log(line);

console.log(`bench on node ${process.version}, ${new Date().toISOString()}`);
for (const size of sizes) {
  const root = await mkdtemp(join(tmpdir(), `khulasa-bench-${size}-`));
  try {
    const store = await benchStore(size, root, log);
    if (only.has('search')) await benchSearch(store.dataDir, log);
    // The bot and digest figures do not depend on corpus size beyond the first: run them once.
    if (size === sizes[0]) {
      if (only.has('bot')) await benchBot(store.dataDir, log);
      if (only.has('digest')) await benchDigestComposing(join(root, 'composing'), store.dataDir, log);
      if (only.has('digest')) await benchDigest(join(root, 'digest'), store.dataDir, log);
    }
  } finally {
    if (!values.keep) await rm(root, { recursive: true, force: true });
  }
}
