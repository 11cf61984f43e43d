// Which summariser made an article's stored summaries. Summaries are worked out once, when an
// article is stored; the stamp lets a start-up find those an older summariser made and make them
// again (ops/summary-refresh.ts). Pure.
import { fingerprint } from './fingerprint.ts';
import { CARD_SUMMARY, DIGEST_LINE, summarize, summarizeEach, type SummaryBudget } from './summarize.ts';

/** Bump when summaries change in a way the probe texts would not show. */
export const SUMMARY_VERSION = 1;

// Real stories (ANT corpus, 2018) with what the summariser treats specially: a dateline before the
// lead, a lead longer than both budgets, several sentences in one paragraph, a sentence without a
// full stop. When the summariser changes how any of them is summarised, the stamp changes.
const PROBES: readonly (readonly string[])[] = [
  [
    'أتلانتا، الولايات المتحدة الأمريكية (CNN) – هددت إيران بالانسحاب من اتفاقية حظر الأسلحة النووية (NPT)، في حال خروج أحد الدول من الاتفاق النووي الإيراني، الثلاثاء، وفقا لوكالة الأنباء الحكومية الإيرانية (IRNA).',
    'وقال الأمين العام للمجلس الأعلى للأمن القومي الإيراني، علي شمخاني: "عندما تكون المعاهدات الدولية غير عملية بسبب التصرفات غير القانونية لبعض الدول، لن يبقى سبب لتلتزم الدول الأخرى بمثل هذه التعهدات الدولية".',
    'وتابع المسؤول الإيراني حديثه قائلا: "من حق الدول الأعضاء في اتفاقية حظر الأسلحة النووية الانسحاب منها عندما تتعرض مصالحها للتهديد".',
  ],
  [
    'بدأ موقع #تويتر في محاولة للامتثال للائحة العامة لحماية البيانات التي يركز عليها الاتحاد الأوروبي بـ #تعليق_حسابات_المستخدمين الذين كانوا دون سن 13 عامًا عند تسجيلهم لأول مرة، كما أن تويتر لا ينفذ بالضبط القيود المفروضة على العمر كما قد تعتقد، في الواقع يخلق تويتر في تعليق بعض الحسابات مشكلة للمستخدمين، مما يجبر المستخدمين الذين أصبحت أعمارهم أكثر من 13 عامًا على إنشاء حسابات جديدة تمامًا، وبالتالي قد يخسر البعض عددًا من المتابعين فضلًا عن خسارة البعض لعلامة التوثيق الخاصة بهم.',
    'ويعود حظر الشباب إلى الطريقة التي تعالج بها اللائحة العامة لحماية البيانات التي يركز عليها الاتحاد الأوروبي الأمر.',
  ],
  [
    'يجري تداول رواية مفادها أن جمال خاشقجي، الصحفي السعودي المختفي، قد سجل كل ما حدث داخل القنصلية السعودية في إسطنبول عبر ساعته الذكية من طراز "أبل ووتش". هذا الأمر يبدو لي بعيد الاحتمال للغاية.',
    'وردت هذه القصة لأول مرة في صحيفة "صباح" التركية، قبل أن يتناقلها عدد من وسائل الإعلام.',
    'وتقول صحيفة "صباح" إن خاشقجي شغل خاصية التسجيل في ساعته، قبل دخوله القنصلية',
  ],
];

/** A summariser as the stamp sees it: paragraphs and a budget in, one summary out. */
export type Summarizer = (paragraphs: readonly string[], budget: SummaryBudget) => string;

/** The stamp of a summariser: its version and a fingerprint of its summaries of the probes at both budgets. */
export function summaryStampOf(summarizer: Summarizer, version = SUMMARY_VERSION): string {
  const outputs = PROBES.flatMap((probe) => [summarizer(probe, CARD_SUMMARY), summarizer(probe, DIGEST_LINE)]);
  return `${version}.${fingerprint(outputs.join('\u0000'))}`;
}

/** Today's summariser's stamp: summaries stored with another one (or none) are made again. */
export const SUMMARY_STAMP = summaryStampOf(summarize);

/** What an article stores of its summaries: the card summary, the digest line and who made them. */
export interface StoredSummaries {
  summary: string;
  digestLine: string;
  summaryStamp: string;
}

/** An article's summaries as today's summariser makes them, stamped. */
export function storedSummaries(paragraphs: readonly string[]): StoredSummaries {
  const [summary = '', digestLine = ''] = summarizeEach(paragraphs, [CARD_SUMMARY, DIGEST_LINE]);
  return { summary, digestLine, summaryStamp: SUMMARY_STAMP };
}
