#!/usr/bin/env node
// MRR@10 of `npm run search` on every dev set of ../shared/eval, whole and on each half (queries
// alternately, by their order in the file): a ranking change is kept only when it helps on all.
//
//   node scripts/search-halves.mjs [--ranks DIR] [--check]
// With --ranks, each set's rank of the relevant document per query (0 = not in the top 10) is
// written to DIR/<set>.tsv, to compare two runs query by query.
// With --check, the news check sets and the scale set (scripts/check-sets.mjs) are run too, and
// every set shows the Lucene-rules reference (scripts/lucene-reference.mjs) beside ours, "<" where
// ours is below it.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCheckSets } from './check-sets.mjs';
import { rankAll } from './lucene-reference.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = join(root, '..', 'shared');
const evalDir = join(sharedDir, 'eval');
const K = 10;
const sets = [
  { name: 'arcd', corpus: join(evalDir, 'arcd-dev-corpus.jsonl'), queries: join(evalDir, 'arcd-dev-queries.jsonl') },
  { name: 'news', corpus: join(evalDir, 'news-dev-corpus.jsonl'), queries: join(evalDir, 'news-dev-queries.jsonl') },
];

const args = process.argv.slice(2);
const ranksDir = args.includes('--ranks') ? args[args.indexOf('--ranks') + 1] : undefined;
const check = args.includes('--check');
const readJsonl = (f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
if (check) sets.push(...writeCheckSets(sharedDir, join(root, 'tmp', 'check-sets')));

function runOurs(set) {
  const child = spawn('npm', ['run', '--silent', 'search', '--', '--corpus', set.corpus, '--queries', set.queries, '--k', String(K)], { cwd: root });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`search failed on ${set.name}: ${err}`)))),
  );
}

const rankOf = (queries, ranked) =>
  queries.map((q) => {
    const relevant = new Set(q.relevant);
    return (ranked.get(q.qid) ?? []).slice(0, K).findIndex((id) => relevant.has(id)) + 1;
  });
const mrr = (ranks, pick) => {
  const chosen = ranks.filter((_, i) => pick(i));
  return chosen.reduce((s, r) => s + (r > 0 ? 1 / r : 0), 0) / chosen.length;
};
const scores = (ranks) => ({
  all: mrr(ranks, () => true),
  even: mrr(ranks, (i) => i % 2 === 0),
  odd: mrr(ranks, (i) => i % 2 === 1),
  misses: ranks.filter((r) => r === 0).length,
});

const rows = [];
for (const set of sets) {
  const queries = readJsonl(set.queries);
  const ours = runOurs(set);
  // The reference ranks in this process while our command runs in its own.
  const lucene = check ? scores(rankOf(queries, rankAll(readJsonl(set.corpus), queries, K))) : undefined;
  const stdout = await ours;
  const ranked = new Map(stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).map((o) => [o.qid, o.ids]));
  const ranks = rankOf(queries, ranked);
  rows.push({ set: set.name, ...scores(ranks), lucene });
  if (ranksDir) {
    mkdirSync(ranksDir, { recursive: true });
    writeFileSync(join(ranksDir, `${set.name}.tsv`), queries.map((q, i) => `${q.qid}\t${ranks[i]}\t${q.query}`).join('\n') + '\n');
  }
}
const PARTS = ['all', 'even', 'odd'];
const below = [];
for (const r of rows) {
  const mark = (part) => (r.lucene && r[part] < r.lucene[part] ? '<' : ' ');
  const ours = `MRR@10 ${r.all.toFixed(4)}${mark('all')} even ${r.even.toFixed(4)}${mark('even')} odd ${r.odd.toFixed(4)}${mark('odd')} misses@10 ${r.misses}`;
  if (!r.lucene) {
    console.log(`${r.set.padEnd(6)} ${ours}`);
    continue;
  }
  const l = r.lucene;
  console.log(`${r.set.padEnd(6)} ${ours}  | lucene MRR@10 ${l.all.toFixed(4)} even ${l.even.toFixed(4)} odd ${l.odd.toFixed(4)} misses@10 ${l.misses}`);
  below.push(...PARTS.filter((p) => r[p] < l[p]).map((p) => `${r.set} ${p}`));
}
if (check) console.log(`below the Lucene reference: ${below.length ? below.join(', ') : 'nowhere'}`);
