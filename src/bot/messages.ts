// Every word the bot says, in one place. HTML-safe: dynamic parts are escaped by the callers.
import { arabicCount, arabicDigits, type CountForms, rtl } from '../render-html.ts';

export const COMMANDS = [
  { command: 'start', description: 'البداية والتعريف بالبوت' },
  { command: 'latest', description: 'آخر الأخبار' },
  { command: 'search', description: 'البحث في الأخبار: /search الكلمات' },
  { command: 'subscribe', description: 'الاشتراك في الخلاصة اليومية' },
  { command: 'settings', description: 'عرض الاشتراك وتعديله' },
  { command: 'digest', description: 'خلاصة الآن دون تغيير الموعد' },
  { command: 'unsubscribe', description: 'إيقاف الخلاصة اليومية' },
  { command: 'cancel', description: 'إلغاء الخطوة الجارية' },
  { command: 'help', description: 'طريقة الاستخدام وأمثلة' },
] as const;

/** Time zones offered as buttons: the Arab world, and London for its large Arab community. */
export const ZONES: readonly { zone: string; label: string }[] = [
  { zone: 'Asia/Riyadh', label: 'السعودية' },
  { zone: 'Africa/Cairo', label: 'مصر' },
  { zone: 'Asia/Dubai', label: 'الإمارات' },
  { zone: 'Asia/Kuwait', label: 'الكويت' },
  { zone: 'Asia/Qatar', label: 'قطر' },
  { zone: 'Asia/Bahrain', label: 'البحرين' },
  { zone: 'Asia/Muscat', label: 'عُمان' },
  { zone: 'Asia/Baghdad', label: 'العراق' },
  { zone: 'Asia/Amman', label: 'الأردن' },
  { zone: 'Asia/Damascus', label: 'سوريا' },
  { zone: 'Asia/Beirut', label: 'لبنان' },
  { zone: 'Asia/Gaza', label: 'فلسطين' },
  { zone: 'Asia/Aden', label: 'اليمن' },
  { zone: 'Africa/Khartoum', label: 'السودان' },
  { zone: 'Africa/Tripoli', label: 'ليبيا' },
  { zone: 'Africa/Tunis', label: 'تونس' },
  { zone: 'Africa/Algiers', label: 'الجزائر' },
  { zone: 'Africa/Casablanca', label: 'المغرب' },
  { zone: 'Africa/Nouakchott', label: 'موريتانيا' },
  { zone: 'Europe/London', label: 'لندن' },
];

/** Delivery times offered as buttons. */
export const TIMES = ['06:00', '07:00', '08:00', '09:00', '12:00', '18:00', '20:00', '22:00'] as const;
/** Topics a subscription may name, and how long each may be: enough for interests, not essays. */
export const MAX_TOPICS = 10;
export const MAX_TOPIC_CHARS = 40;

export const messages = {
  welcome: (name: string) =>
    [
      name ? `أهلاً ${name} 👋` : 'أهلاً 👋',
      '',
      'أنا <b>خلاصة</b>: أقرأ الأخبار العربية وأقدّم لك ملخّصاً موثوقاً لكل خبر، مع نصّه الكامل ومصدره والأخبار المرتبطة به.',
      '',
      '• أرسل أي كلمات وسأبحث لك عنها، مثل: <code>المعادن النادرة</code>',
      '• /latest لآخر الأخبار',
      '• /help لكل الأوامر',
    ].join('\n'),
  help: (bot: string) =>
    [
      '<b>طريقة الاستخدام</b>',
      '',
      '/latest — آخر الأخبار، مع أزرار للتنقل بين الصفحات.',
      '/search <i>كلمات</i> — البحث، مثل: <code>/search اليابان</code>',
      'أو اكتب الكلمات مباشرة في المحادثة الخاصة: <code>الولايات المتحدة</code>',
      '',
      `في أي محادثة: اكتب <code>@${bot} كلمات</code> لمشاركة خبر.`,
      'في المجموعات: استخدم الأوامر، أو اذكرني، أو ردّ على إحدى رسائلي.',
      '',
      '<b>الخلاصة اليومية</b>',
      '/subscribe — الاشتراك خطوة بخطوة: الموعد (مثل <code>07:30</code>) والمنطقة الزمنية والمواضيع وعدد الأخبار.',
      '/settings — عرض الاشتراك وتعديل أي جزء منه.',
      '/digest — خلاصة الآن دون تغيير الموعد.',
      '/unsubscribe — إيقاف الخلاصة اليومية.',
      '/cancel — إلغاء خطوات الاشتراك الجارية.',
      '',
      'تحت كل خبر أزرار: النص الكامل، والأخبار ذات الصلة، والمصدر.',
      '',
      '/start — رسالة الترحيب.',
      '/help — هذه الرسالة.',
    ].join('\n'),
  latestTitle: '🗞 <b>آخر الأخبار</b>',
  searchTitle: (query: string) => `🔎 <b>نتائج البحث عن:</b> «${query}»`,
  noArticles: 'لا توجد أخبار بعد. سأنشرها هنا حال وصولها.',
  noResults: (query: string) => `لم أجد أخباراً عن «${query}».\nجرّب كلمات أخرى، أو تصفّح آخر الأخبار.`,
  searchPlaceholder: 'المعادن النادرة',
  askSearchWords: 'ما الذي تبحث عنه؟ اكتب الكلمات في ردّ على هذه الرسالة.\nمثال: <code>المعادن النادرة</code>',
  queryTooLong: (max: number) => `البحث طويل جداً؛ اكتفِ بأهم الكلمات (حتى ${arabicCount(max, COUNTED.characters)}).`,
  articleMissing: 'هذا الخبر لم يعد متاحاً.',
  headlineOnly: 'هذا عنوان فقط، ولا نصّ محفوظاً له بعد. يمكنك البحث عنه:',
  relatedTitle: (title: string) => `🔗 <b>أخبار ذات صلة بـ:</b> ${title}`,
  noRelated: 'لا توجد أخبار ذات صلة بعد.',
  fullTextPart: (part: number, total: number) => `(الجزء ${arabicDigits(part)} من ${arabicDigits(total)})`,
  source: 'المصدر',
  staleButton: 'انتهت صلاحية هذا الزر. أعد الطلب من جديد.',
  slowDown: 'مهلاً 🙏 وصلتني رسائل كثيرة في وقت قصير. سأتابع معك بعد لحظات.',
  apology: 'عذراً، حدث خطأ غير متوقع أثناء معالجة طلبك. حاول مرة أخرى بعد قليل.',
  inlineOpen: 'اقرأ في خلاصة',
  inlineLatest: 'آخر الأخبار',
  buttons: {
    fullText: '📄 النص الكامل',
    related: '🔗 ذات صلة',
    source: '🌐 المصدر',
    next: 'التالي ◀️',
    previous: '▶️ السابق',
    latest: '🗞 آخر الأخبار',
    searchHeadline: '🔎 ابحث عن هذا الخبر',
    back: '↩️ الخبر',
  },
  page: (page: number, pages: number) => `${page} / ${pages}`,
  subscription: {
    askTime: '⏰ متى تريد أن تصلك الخلاصة اليومية؟\nاختر ساعة، أو اكتب الوقت مثل <code>07:30</code> أو <code>٧:٣٠ م</code>.\n(/cancel للإلغاء)',
    badTime: 'لم أفهم هذا الوقت. اكتبه ساعةً ودقيقة مثل <code>08:00</code> أو <code>٢٠:٣٠</code>، أو اختر من الأزرار.',
    askZone: (current: string) => `🌍 في أي منطقة زمنية؟\nاختر بلدك، أو اكتب اسم المنطقة مثل <code>Asia/Riyadh</code>.\nالحالية: ${current}`,
    badZone: 'لا أعرف هذه المنطقة الزمنية. اختر من الأزرار، أو اكتب اسماً مثل <code>Africa/Cairo</code>.',
    askTopics: '🏷 هل تريد أخباراً عن مواضيع محددة؟\nاكتب الكلمات مفصولة بفواصل، مثل: <code>الاقتصاد، الصين، كرة القدم</code>\nأو اختر «كل الأخبار».',
    badTopics: (max: number, chars: number) => `اكتب حتى ${arabicCount(max, COUNTED.topics)}، كل منها حتى ${arabicCount(chars, COUNTED.characters)}، مفصولة بفواصل.`,
    askSize: '🔢 كم خبراً في كل خلاصة؟',
    badSize: 'اختر ٣ أو ٥ أو ١٠.',
    allNews: '🗞 كل الأخبار',
    allTopics: 'كل الأخبار',
    summary: (time: string, zone: string, topics: string, size: string) =>
      [`⏰ الموعد: ${time} يومياً`, `🌍 المنطقة: ${zone}`, `🏷 المواضيع: ${topics}`, `🔢 عدد الأخبار: ${size}`].join('\n'),
    confirmed: (summary: string) => `✅ <b>تم حفظ اشتراكك في الخلاصة اليومية</b>\n\n${summary}\n\nللتعديل: /settings — للإيقاف: /unsubscribe — خلاصة الآن: /digest`,
    settings: (summary: string) => `⚙️ <b>اشتراكك في الخلاصة اليومية</b>\n\n${summary}\n\nاختر ما تريد تعديله:`,
    inactive: (reason: string) => `الاشتراك متوقف (${reason}). لإعادة تفعيله: /subscribe`,
    none: 'لا يوجد اشتراك بعد. اشترك بـ /subscribe لتصلك خلاصة يومية في الموعد الذي تختاره.',
    unsubscribed: 'تم إيقاف الخلاصة اليومية. يمكنك العودة متى شئت بـ /subscribe.',
    notSubscribed: 'لا يوجد اشتراك فعّال لإيقافه.',
    cancelled: 'تم الإلغاء، ولم يتغير شيء.',
    nothingToCancel: 'لا توجد خطوة جارية لإلغائها.',
    onlyAdmins: 'في المجموعات، يعدّل اشتراك المجموعة مشرفوها فقط.',
    nothingNew: 'لا أخبار جديدة منذ آخر خلاصة.',
    digestTooSoon: (wait: string) => `⏳ أرسلتُ خلاصةً إلى هذه المحادثة قبل قليل. يمكن طلب خلاصة جديدة بعد ${wait}.`,
    timedOut: '⌛ انتهت مهلة الإجابة، فأُلغيت خطوات الاشتراك ولم يتغير شيء. للبدء من جديد: /subscribe',
    // A Latin name would open the line and turn it left to right: the mark keeps it Arabic.
    busy: (name: string) => `⏳ ${rtl(name)} يعدّل اشتراك المجموعة الآن. انتظر حتى ينتهي، أو يلغيه هو أو أحد المشرفين بـ /cancel.`,
    stillAsking: 'ما زلنا في خطوات الاشتراك: أجب عن السؤال أعلاه، أو أرسل /cancel للإلغاء.',
    /** Who is changing the subscription, when their name has nothing visible to show. */
    someone: 'أحد الأعضاء',
    /** Who is changing it when an administrator writes anonymously, as the group. */
    anonymousAdmin: 'مشرف مجهول',
    onlyStarterCancels: (name: string) => `لا يلغي هذه الخطوات إلا ${name} أو أحد مشرفي المجموعة.`,
    buttons: { time: '⏰ الموعد', zone: '🌍 المنطقة', topics: '🏷 المواضيع', size: '🔢 العدد' },
    reasons: { unsubscribed: 'أوقفته بنفسك', blocked: 'حُظر البوت', kicked: 'أُزيل البوت من المحادثة', deactivated: 'الحساب محذوف', 'chat-not-found': 'المحادثة غير موجودة' },
  },
  /** Operator commands (ADMIN_IDS, private chat): figures are formatted by render/stats.ts. */
  operator: {
    statsTitle: '📊 <b>حالة خلاصة</b>',
    articles: 'الأخبار الكاملة',
    headlines: 'العناوين',
    feeds: 'المصادر',
    failingFeeds: 'متعثّرة',
    subscribers: 'المشتركون',
    active: 'فعّالون',
    inactive: 'متوقفون',
    inactiveReasons: { unsubscribed: 'أوقفوه بأنفسهم', blocked: 'حظروا البوت', kicked: 'أُزيل البوت', deactivated: 'حسابات محذوفة', 'chat-not-found': 'محادثات غير موجودة' },
    lastDigest: 'آخر جولة للخلاصة',
    lastOutcomes: 'آخر خلاصة لكل مشترك',
    noDigestYet: 'لا جولة منذ التشغيل',
    digestRuns: 'الجولات منذ التشغيل',
    digestOutcomes: { sent: 'أُرسلت', empty: 'بلا جديد', skipped: 'فات موعدها', gone: 'توقفت', migrated: 'نُقلت', postponed: 'أُجّلت', rejected: 'رفضها تيليجرام', failed: 'فشلت' } as Record<string, string>,
    rejectedDigests: (chats: string, reason: string) => `رفض تيليجرام خلاصة ${chats} من المحادثات نهائياً، ولن تُعاد اليوم: ${reason}`,
    unknownReason: 'دون سبب مذكور',
    errors24h: 'الأخطاء في آخر ٢٤ ساعة',
    uptime: 'مدة التشغيل',
    memory: 'الذاكرة',
    heap: 'منها الكومة',
    index: 'فهرس البحث',
    notYet: 'قيد التحميل',
    unavailable: 'غير متاح',
    units: { day: 'ي', hour: 'س', minute: 'د', second: 'ث', megabyte: 'م.ب' },
    reloaded: (pages: string, fresh: string, updated: string, unchanged: string, rejected: string) =>
      [`🔄 <b>أُعيد فحص مجلد الأخبار</b>`, `الصفحات: ${pages}`, `جديدة: ${fresh} — محدّثة: ${updated} — دون تغيير: ${unchanged}`, `مرفوضة: ${rejected}`].join('\n'),
    reloadUnavailable: 'إعادة الفحص غير متاحة في هذا التشغيل (لا مجلد أخبار).',
    reloadFailed: (reason: string) => `تعذّرت إعادة الفحص: ${reason}\nالتفاصيل في السجل.`,
    anonymousAdmin:
      'أنت ترسل بصفتك مشرفاً مجهولاً باسم المجموعة، فلا يظهر لي حسابك ولا أستطيع التحقق منه.\nأوامر التشغيل (/stats و/reload و/feeds) تعمل في المحادثة الخاصة معي فقط: افتحها وأرسل الأمر من حسابك.',
  },
} as const;

/** Counted nouns of the bot's copy, in the genitive where a preposition (بعد، حتى) governs them. */
export const COUNTED = {
  minutes: { one: 'دقيقة', two: 'دقيقتين', few: 'دقائق', many: 'دقيقة', other: 'دقيقة' },
  characters: { one: 'حرف واحد', two: 'حرفين', few: 'أحرف', many: 'حرفاً', other: 'حرف' },
  topics: { one: 'موضوع واحد', two: 'موضوعين', few: 'مواضيع', many: 'موضوعاً', other: 'موضوع' },
  documents: { one: 'وثيقة واحدة', two: 'وثيقتان', few: 'وثائق', many: 'وثيقة', other: 'وثيقة' },
} as const satisfies Record<string, CountForms>;

/** "دقيقة"، "دقيقتين"، "٣ دقائق"، "١١ دقيقة": minutes as Arabic counts them. */
export function arabicMinutes(n: number): string {
  return arabicCount(n, COUNTED.minutes);
}

/** Feed sources: the teaser note on cards, and the operators' /feeds commands. */
export const feedMessages = {
  teaserOnly: (link: string | undefined) =>
    link ? `ℹ️ نشر المصدر مقدمة الخبر فقط. <a href="${link}">اقرأ الخبر كاملاً في موقعه</a>` : 'ℹ️ نشر المصدر مقدمة الخبر فقط.',
  listTitle: (count: string) => `📡 <b>مصادر الأخبار</b> (${count})`,
  none: 'لا توجد مصادر بعد. أضف مصدراً بالأمر:\n<code>/feeds add https://example.com/rss</code>',
  usage: 'الأوامر:\n<code>/feeds</code> — عرض المصادر وحالتها\n<code>/feeds add الرابط</code> — إضافة مصدر بعد تجربته\n<code>/feeds remove الرقم</code> — حذف مصدر من القائمة',
  fromEnv: 'من الإعدادات (FEEDS)',
  fromBot: 'أُضيف من البوت',
  lastSuccess: (when: string, items: string) => `✅ آخر جلب ناجح: ${when} · عدد الأخبار: ${items}`,
  never: '⏳ لم يُجلب بعد',
  lastError: (when: string, reason: string, failures: string) => `⚠️ آخر خطأ (${when}، المحاولات الفاشلة المتتالية: ${failures}): ${reason}`,
  nextFetch: (when: string) => `⏭ الجلب التالي: ${when}`,
  checking: (url: string) => `⏳ أجرّب المصدر ${url} …`,
  added: (title: string, items: string, fresh: string) => `✅ أُضيف المصدر <b>${title}</b>\nعدد الأخبار فيه: ${items}، الجديد منها: ${fresh}.`,
  addedUntitled: 'بلا عنوان',
  invalidUrl: (reason: string) => `❌ هذا ليس رابطاً صالحاً (${reason}).\nمثال: <code>/feeds add https://example.com/rss</code>`,
  exists: 'هذا المصدر موجود في القائمة بالفعل.',
  unreadable: (reason: string) => `❌ لم أتمكن من قراءة المصدر، فلم أُضفه.\nالسبب: ${reason}`,
  removed: (url: string) => `🗑 حُذف المصدر ${url}\nتبقى أخباره المحفوظة.`,
  noSuchFeed: (count: string) => `لا يوجد مصدر بهذا الرقم. الأرقام من ١ إلى ${count}؛ أرسل /feeds لعرضها.`,
  cannotRemoveEnv: 'هذا المصدر معرّف في الإعدادات (FEEDS)، فلا يُحذف من البوت. احذفه من الإعدادات ثم أعد التشغيل.',
} as const;

/** Operators' commands, added to the menu in each operator's private chat only (command-menu.ts). */
export const OPERATOR_COMMANDS = [
  { command: 'stats', description: 'حالة البوت: الأخبار والمشتركون والخلاصة والأخطاء' },
  { command: 'reload', description: 'إعادة فحص مجلد الأخبار الآن' },
  { command: 'feeds', description: 'مصادر الأخبار: عرضها وإضافتها وحذفها' },
] as const;
