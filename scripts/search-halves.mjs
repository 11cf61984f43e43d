#!/usr/bin/env node
// MRR@10 of `npm run search` on every dev set of ../shared/eval, whole and on each half (queries
// alternately, by their order in the file): a ranking change is kept only when it helps on all.
//
//   node scripts/search-halves.mjs [--ranks DIR]
// With --ranks, each set's rank of the relevant document per query (0 = not in the top 10) is
// written to DIR/<set>.tsv, to compare two runs query by query.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = join(root, '..', 'shared', 'eval');
const K = 10;
const SETS = [
  { name: 'arcd', corpus: 'arcd-dev-corpus.jsonl', queries: 'arcd-dev-queries.jsonl' },
  { name: 'news', corpus: 'news-dev-corpus.jsonl', queries: 'news-dev-queries.jsonl' },
];

const args = process.argv.slice(2);
const ranksDir = args.includes('--ranks') ? args[args.indexOf('--ranks') + 1] : undefined;
const readJsonl = (f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

const rows = [];
for (const set of SETS) {
  const corpus = join(evalDir, set.corpus);
  const queriesFile = join(evalDir, set.queries);
  const run = spawnSync('npm', ['run', '--silent', 'search', '--', '--corpus', corpus, '--queries', queriesFile, '--k', String(K)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) throw new Error(`search failed on ${set.name}: ${run.stderr}`);
  const ranked = new Map(run.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).map((o) => [o.qid, o.ids]));
  const queries = readJsonl(queriesFile);
  const ranks = queries.map((q) => {
    const relevant = new Set(q.relevant);
    return (ranked.get(q.qid) ?? []).slice(0, K).findIndex((id) => relevant.has(id)) + 1;
  });
  const mrr = (pick) => {
    const chosen = ranks.filter((_, i) => pick(i));
    return chosen.reduce((s, r) => s + (r > 0 ? 1 / r : 0), 0) / chosen.length;
  };
  rows.push({ set: set.name, all: mrr(() => true), even: mrr((i) => i % 2 === 0), odd: mrr((i) => i % 2 === 1), misses: ranks.filter((r) => r === 0).length });
  if (ranksDir) {
    mkdirSync(ranksDir, { recursive: true });
    writeFileSync(join(ranksDir, `${set.name}.tsv`), queries.map((q, i) => `${q.qid}\t${ranks[i]}\t${q.query}`).join('\n') + '\n');
  }
}
for (const r of rows) {
  console.log(`${r.set.padEnd(5)} MRR@10 ${r.all.toFixed(4)}  even ${r.even.toFixed(4)}  odd ${r.odd.toFixed(4)}  misses@10 ${r.misses}`);
}
