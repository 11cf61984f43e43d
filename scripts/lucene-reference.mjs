#!/usr/bin/env node
// The reference the issue quotes as "BM25 over Lucene's Arabic analyzer rules": Lucene's
// BM25Similarity (k1 1.2, b 0.75) over ArabicAnalyzer terms of title and text as one field, each
// query term a SHOULD clause. Computed here so every set gets the reference, not only the two
// whose figures were handed to us.
//
//   node scripts/lucene-reference.mjs --corpus FILE --queries FILE [--k 10]
// writes JSONL {"qid","ids"} best first, the shape ../shared/eval/search-eval.mjs reads.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze } from './lucene-arabic.mjs';

const K1 = 1.2;
const B = 0.75;

// Lucene keeps a document's length in one byte (SmallFloat.intToByte4): exact below 24, then four
// significant bits, so BM25 sees 41 words as 40 and 124 as 120.
const FREE_VALUES = 24;
const longToInt4 = (i) => {
  const bits = 32 - Math.clz32(i);
  if (bits < 4) return i;
  const shift = bits - 4;
  return ((i >>> shift) & 0x07) | ((shift + 1) << 3);
};
const int4ToLong = (i) => {
  const shift = (i >>> 3) - 1;
  return shift === -1 ? i & 0x07 : ((i & 0x07) | 0x08) * 2 ** shift;
};
/** The length BM25 scores a document of `length` terms with, after Lucene's one-byte norm. */
export function decodedLength(length) {
  return length < FREE_VALUES ? length : FREE_VALUES + int4ToLong(longToInt4(length - FREE_VALUES));
}

/** An inverted index over the analyzed `title` + `text` of each document. */
export function buildIndex(docs) {
  const postings = new Map();
  const lengths = new Float64Array(docs.length);
  let total = 0;
  let withTerms = 0;
  docs.forEach((doc, d) => {
    const terms = analyze(`${doc.title ?? ''}\n${doc.text ?? ''}`);
    const tf = new Map();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, f] of tf) {
      let list = postings.get(t);
      if (!list) postings.set(t, (list = { docs: [], freqs: [] }));
      list.docs.push(d);
      list.freqs.push(f);
    }
    lengths[d] = decodedLength(terms.length);
    total += terms.length;
    if (terms.length > 0) withTerms += 1;
  });
  // Lucene's field statistics: docCount counts documents with the field, avgdl uses exact lengths.
  return { ids: docs.map((doc) => doc.id), postings, lengths, docCount: withTerms, avgdl: total / Math.max(withTerms, 1) };
}

export const idf = (docCount, df) => Math.log(1 + (docCount - df + 0.5) / (df + 0.5));

/** The ids of the `k` best documents for `query`; equal scores go to the earlier document, as in Lucene. */
export function search(index, query, k) {
  const scores = new Map();
  // A repeated query term is a repeated clause: Lucene sums it (BooleanQuery folds it into a boost).
  for (const term of analyze(query)) {
    const list = index.postings.get(term);
    if (!list) continue;
    const weight = idf(index.docCount, list.docs.length);
    for (let i = 0; i < list.docs.length; i++) {
      const d = list.docs[i];
      const f = list.freqs[i];
      const norm = K1 * (1 - B + (B * index.lengths[d]) / index.avgdl);
      scores.set(d, (scores.get(d) ?? 0) + (weight * f) / (f + norm));
    }
  }
  return [...scores]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, k)
    .map(([d]) => index.ids[d]);
}

/** Every query's ranked ids, keyed by qid. */
export function rankAll(docs, queries, k) {
  const index = buildIndex(docs);
  return new Map(queries.map((q) => [q.qid, search(index, q.query, k)]));
}

const readJsonl = (f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const corpus = opt('--corpus');
  const queries = opt('--queries');
  if (!corpus || !queries) {
    console.error('usage: node scripts/lucene-reference.mjs --corpus FILE --queries FILE [--k 10]');
    process.exit(2);
  }
  const ranked = rankAll(readJsonl(corpus), readJsonl(queries), Number(opt('--k') ?? 10));
  for (const [qid, ids] of ranked) process.stdout.write(`${JSON.stringify({ qid, ids })}\n`);
}
