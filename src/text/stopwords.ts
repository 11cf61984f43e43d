// A short, curated Arabic stop-word list, stored normalised (ا for hamza seats, ي for ى, ه for ة).
// Only function words: pronouns, demonstratives, relatives, prepositions, particles, question words
// and the auxiliary كان. Content words that merely are frequent in news (قال, عام, يوم, رئيس) are
// kept on purpose: readers search for them. Each entry is also dropped with a leading و or ف.
import { normalize } from './normalize.ts';

const WORDS = `
في من الي علي عن مع عند لدي منذ مذ حتي خلال بعد قبل حول ضد دون بين امام وراء فوق تحت نحو عبر لدى
ان انه انها انهم لان كان كانت كانوا يكون تكون يكونوا قد لقد لم لن لا ما ماذا لماذا متي اين كيف كم هل
او ام ثم بل لكن لكنه لكنها اذا اذ اذن كل بعض غير سوي اي ايه ايضا كما مثل حيث بينما عندما فيما مما
هذا هذه هذان هاتان هؤلاء ذلك تلك اولئك هنا هناك هنالك الذي التي الذين اللذين اللتين اللاتي اللواتي
هو هي هم هن هما انا نحن انت انتم انتن انتما له لها لهم لهن لهما به بها بهم منه منها منهم عنه عنها
عليه عليها عليهم فيه فيها فيهم اليه اليها اليهم الا الان الى يا قد سوف ليس ليست لسنا وقد بان كي لكي
ال ماهو ماهي ماهم مادا ماذا وماذا بماذا لماذا عما مما فيما كيفما اينما متى
`;

/** Normalised stop words. */
export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean).map(normalize));

// Conjunctions and prepositions that attach to the next word: "وهذا", "فلم", "بذلك", "كما".
const CLITICS = new Set(['و', 'ف', 'ب', 'ل', 'ك']);

/** True for a normalised token that carries no topic of its own. */
export function isStopWord(token: string): boolean {
  if (STOP_WORDS.has(token)) return true;
  if (token.length <= 2 || !CLITICS.has(token[0] ?? '')) return false;
  const rest = token.slice(1);
  if (STOP_WORDS.has(rest)) return true;
  // Two clitics: "وبهذا", "فلذلك".
  return rest.length > 2 && CLITICS.has(rest[0] ?? '') && STOP_WORDS.has(rest.slice(1));
}
