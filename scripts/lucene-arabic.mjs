// Lucene's ArabicAnalyzer chain, rewritten in plain JS so a reference figure can be computed beside
// ours without a JVM: StandardTokenizer → LowerCaseFilter → DecimalDigitFilter → StopFilter →
// ArabicNormalizationFilter → ArabicStemFilter (org.apache.lucene.analysis.ar, Lucene 9).

// Lucene's default Arabic stop words, lucene/analysis/common/src/resources/org/apache/lucene/
// analysis/ar/stopwords.txt (Jacques Savoy's list, BSD licence, "cleaned on October 11, 2009").
// It is not normalised: Lucene removes stop words before normalising, so both spellings are listed.
export const STOP_WORDS = new Set(
  `من ومن منها منه في وفي فيها فيه و ف ثم او أو ب بها به ا أ اى اي أي أى لا ولا الا ألا إلا لكن ما
  وما كما فما عن مع اذا إذا ان أن إن انها أنها إنها انه أنه إنه بان بأن فان فأن وان وأن وإن التى
  التي الذى الذي الذين الى الي إلى إلي على عليها عليه اما أما إما ايضا أيضا كل وكل لم ولم لن ولن هى
  هي هو وهى وهي وهو فهى فهي فهو انت أنت لك لها له هذه هذا تلك ذلك هناك كانت كان يكون تكون وكانت وكان
  غير بعض قد نحو بين بينما منذ ضمن حيث الان الآن خلال بعد قبل حتى عند عندما لدى جميع`.split(/\s+/),
);

// ArabicNormalizer: alef with madda or hamza → bare alef, alef maqsura → yeh, teh marbuta → heh,
// and tatweel and the eight harakat (U+064B–U+0652) deleted.
const isDeleted = (c) => c === '\u0640' || (c >= '\u064B' && c <= '\u0652');
export function normalize(word) {
  let out = '';
  for (const c of word.replace(/[\u0622\u0623\u0625]/g, '\u0627').replace(/\u0649/g, '\u064A').replace(/\u0629/g, '\u0647')) {
    if (!isDeleted(c)) out += c;
  }
  return out;
}

// ArabicStemmer (Larkey's Light-10 subset): at most one prefix, the first that matches in this
// order; then every suffix in this order, each tested against what the previous ones left.
const PREFIXES = ['ال', 'وال', 'بال', 'كال', 'فال', 'لل', 'و'];
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ية', 'ه', 'ة', 'ي'];

export function stem(word) {
  let w = word;
  for (const p of PREFIXES) {
    // startsWithCheckLength: و needs a word of 4 or more letters, the others leave at least 2.
    const longEnough = p.length === 1 ? w.length >= 4 : w.length >= p.length + 2;
    if (longEnough && w.startsWith(p)) {
      w = w.slice(p.length);
      break;
    }
  }
  for (const s of SUFFIXES) {
    // endsWithCheckLength: every suffix leaves at least 2 letters.
    if (w.length >= s.length + 2 && w.endsWith(s)) w = w.slice(0, -s.length);
  }
  return w;
}

// DecimalDigitFilter folds every Unicode decimal digit to ASCII; the Arabic-Indic and extended
// Arabic-Indic digits are the only non-ASCII ones in these corpora.
const foldDigits = (word) =>
  word.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) & 0xf));

// Intl.Segmenter's word boundaries are Unicode's UAX #29 rules, the ones StandardTokenizer follows.
const segmenter = new Intl.Segmenter('ar', { granularity: 'word' });

/** The indexed terms of a text, in order, as ArabicAnalyzer emits them. */
export function analyze(text) {
  const terms = [];
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    if (!isWordLike) continue;
    const word = foldDigits(segment.toLowerCase());
    if (STOP_WORDS.has(word)) continue;
    const term = stem(normalize(word));
    if (term) terms.push(term);
  }
  return terms;
}
