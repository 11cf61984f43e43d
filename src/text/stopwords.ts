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
`;

/** Normalised stop words. */
export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean).map(normalize));

/** True for a normalised token that carries no topic of its own. */
export function isStopWord(token: string): boolean {
  if (STOP_WORDS.has(token)) return true;
  const first = token[0];
  return (first === 'و' || first === 'ف') && token.length > 2 && STOP_WORDS.has(token.slice(1));
}
