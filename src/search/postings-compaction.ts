// Compaction of the inverted index (postings.ts): recent postings folded into the typed arrays,
// removed documents and terms no document holds any more dropped, documents and terms renumbered.
// Pure: it reads the index's state and returns the new one.
import type { FieldPostings, PostingsSnapshot } from './postings.ts';
import type { TermDictionary } from './term-dictionary.ts';

/** The index's state that compaction reads. */
export interface CompactionInput {
  ids: readonly string[];
  alive: Uint8Array;
  headline: Uint8Array;
  dictionary: TermDictionary;
  fields: readonly FieldPostings[];
  /** Per field: term → [doc, tf, doc, tf, …] added since the last compaction. */
  recent: readonly Map<number, number[]>[];
  /** Terms the compacted arrays cover. */
  compactTerms: number;
  /** Fields whose terms count toward document frequency. */
  countedFields: number;
}

export function compacted(s: CompactionInput): PostingsSnapshot {
  const oldDocs = s.ids.length;
  const docMap = new Int32Array(oldDocs).fill(-1);
  const ids: string[] = [];
  for (let doc = 0; doc < oldDocs; doc++) {
    if (s.alive[doc] === 1) docMap[doc] = ids.push(s.ids[doc] as string) - 1;
  }
  const oldTerms = s.dictionary.size;
  const counts = s.fields.map((f, field) => countLive(f, s.compactTerms, s.recent[field] as Map<number, number[]>, docMap, oldTerms));
  const termMap = new Int32Array(oldTerms).fill(-1);
  const terms: string[] = [];
  for (let t = 0; t < oldTerms; t++) {
    if (counts.some((c) => (c[t] ?? 0) > 0)) termMap[t] = terms.push(s.dictionary.term(t)) - 1;
  }
  const fields = s.fields.map((f, field) => rewrite(f, s.compactTerms, s.recent[field] as Map<number, number[]>, counts[field] as Uint32Array, docMap, termMap, terms.length, ids.length));
  const headline = new Uint8Array(ids.length);
  docMap.forEach((to, from) => {
    if (to >= 0) headline[to] = s.headline[from] ?? 0;
  });
  return { ids, headline, terms, fields, documentFrequency: countDocuments(fields.slice(0, s.countedFields), terms.length, ids.length) };
}

/** Live postings per term of one field. */
function countLive(f: FieldPostings, compactTerms: number, recent: Map<number, number[]>, docMap: Int32Array, termCount: number): Uint32Array {
  const counts = new Uint32Array(termCount);
  for (let t = 0; t < compactTerms; t++) {
    for (let i = f.offsets[t] as number; i < (f.offsets[t + 1] as number); i++) if ((docMap[f.docs[i] as number] as number) >= 0) counts[t] = (counts[t] as number) + 1;
  }
  for (const [t, list] of recent) {
    for (let i = 0; i < list.length; i += 2) if ((docMap[list[i] as number] as number) >= 0) counts[t] = (counts[t] as number) + 1;
  }
  return counts;
}

function rewrite(f: FieldPostings, compactTerms: number, recent: Map<number, number[]>, counts: Uint32Array, docMap: Int32Array, termMap: Int32Array, termCount: number, docCount: number): FieldPostings {
  const offsets = new Uint32Array(termCount + 1);
  termMap.forEach((to, from) => {
    if (to >= 0) offsets[to + 1] = counts[from] as number;
  });
  for (let t = 0; t < termCount; t++) offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
  const docs = new Uint32Array(offsets[termCount] as number);
  const tfs = new Uint8Array(docs.length);
  termMap.forEach((to, from) => {
    if (to < 0) return;
    let at = offsets[to] as number;
    // Compacted documents are numbered below recent ones, so each list stays in document order.
    if (from < compactTerms) {
      for (let i = f.offsets[from] as number; i < (f.offsets[from + 1] as number); i++) {
        const doc = docMap[f.docs[i] as number] as number;
        if (doc < 0) continue;
        docs[at] = doc;
        tfs[at++] = f.tfs[i] as number;
      }
    }
    const list = recent.get(from) ?? [];
    for (let i = 0; i < list.length; i += 2) {
      const doc = docMap[list[i] as number] as number;
      if (doc < 0) continue;
      docs[at] = doc;
      tfs[at++] = list[i + 1] as number;
    }
  });
  const lengths = new Uint16Array(docCount);
  docMap.forEach((to, from) => {
    if (to >= 0) lengths[to] = f.lengths[from] ?? 0;
  });
  return { offsets, docs, tfs, lengths };
}

/** Documents holding each term in any of the fields (their lists are in document order). */
function countDocuments(fields: FieldPostings[], termCount: number, docCount: number): Uint32Array {
  const counts = new Uint32Array(termCount);
  const seenFor = new Int32Array(docCount).fill(-1);
  for (let t = 0; t < termCount; t++) {
    for (const f of fields) {
      for (let i = f.offsets[t] as number; i < (f.offsets[t + 1] as number); i++) {
        const doc = f.docs[i] as number;
        if (seenFor[doc] !== t) {
          seenFor[doc] = t;
          counts[t] = (counts[t] as number) + 1;
        }
      }
    }
  }
  return counts;
}
