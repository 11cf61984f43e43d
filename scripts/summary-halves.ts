// node --import tsx scripts/summary-halves.ts [--scales 0.5,1,2] [FILE.jsonl ...]
// Summaries against lead on each half of each set (alternate records) and at several budgets, so
// that a change is kept only when it helps everywhere. Scored as ../shared/eval/rouge.mjs scores
// (same normalisation, words, lead and cut to the budget); the budget, the mean length of an
// article's references, is scaled to test short and long summaries. Runs the summariser in process.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { summarize } from '../src/text/summarize.ts';

const { values, positionals } = parseArgs({ options: { scales: { type: 'string', default: '0.5,1,2' } }, allowPositionals: true });
const scales = (values.scales ?? '1').split(',').map(Number);
const files = positionals.length > 0 ? positionals : ['../shared/eval/easc-dev.jsonl', '../shared/eval/news-summary-dev.jsonl'];

const normalize = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/\u0649/g, '\u064A')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0640|[\u064B-\u065F]|\u0670/g, '')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .toLowerCase();
const segmenter = new Intl.Segmenter('ar', { granularity: 'word' });
const words = (s: string) => [...segmenter.segment(normalize(s))].filter((x) => x.isWordLike).map((x) => x.segment);
const sentences = (t: string) => t.split(/(?<=[.!?؟])\s+|\n+/).map((s) => s.trim()).filter((s) => words(s).length > 0);

function ngrams(tokens: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const k = tokens.slice(i, i + n).join(' ');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}
function f1(cand: string[], ref: string[], n: number): number {
  const a = ngrams(cand, n);
  const b = ngrams(ref, n);
  let overlap = 0;
  for (const [k, v] of a) overlap += Math.min(v, b.get(k) ?? 0);
  if (overlap === 0) return 0;
  const p = overlap / Math.max(cand.length - n + 1, 1);
  const r = overlap / Math.max(ref.length - n + 1, 1);
  return (2 * p * r) / (p + r);
}
const rouge1 = (cand: string[], refs: string[][]) => refs.reduce((s, r) => s + f1(cand, r, 1), 0) / refs.length;

function leadWords(text: string, budget: number): string[] {
  const out: string[] = [];
  for (const s of sentences(text)) {
    if (out.length >= budget) break;
    out.push(...words(s));
  }
  return out.slice(0, budget);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
const fmt = (x: number) => x.toFixed(4);

console.log('set                      scale | half A lead  system | half B lead  system | all lead  system');
for (const file of files) {
  const records = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; summaries: string[] });
  const name = file.split('/').pop() ?? file;
  for (const scale of scales) {
    const rows = records.map((r) => {
      const refs = r.summaries.map(words);
      const budget = Math.max(1, Math.round((scale * refs.reduce((s, x) => s + x.length, 0)) / refs.length));
      const system = words(summarize(r.text, { maxWords: budget })).slice(0, budget);
      return { lead: rouge1(leadWords(r.text, budget), refs), system: rouge1(system, refs) };
    });
    const half = (parity: number) => rows.filter((_, i) => i % 2 === parity);
    const cells = [half(0), half(1), rows].map((rs) => {
      const lead = mean(rs.map((x) => x.lead));
      const sys = mean(rs.map((x) => x.system));
      return `${fmt(lead)} ${fmt(sys)}${sys >= lead ? ' ' : '<'}`;
    });
    console.log(`${name.padEnd(26)} ${String(scale).padStart(4)} | ${cells.join('   | ')}`);
  }
}
