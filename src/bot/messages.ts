// Every word the bot says, in one place. HTML-safe: dynamic parts are escaped by the callers.

export const COMMANDS = [
  { command: 'start', description: 'البداية والتعريف بالبوت' },
  { command: 'latest', description: 'آخر الأخبار' },
  { command: 'search', description: 'البحث في الأخبار: /search الكلمات' },
  { command: 'help', description: 'طريقة الاستخدام وأمثلة' },
] as const;

export const messages = {
  welcome: (name: string) =>
    [
      `أهلاً ${name} 👋`,
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
      'تحت كل خبر أزرار: النص الكامل، والأخبار ذات الصلة، والمصدر.',
    ].join('\n'),
  latestTitle: '🗞 <b>آخر الأخبار</b>',
  searchTitle: (query: string) => `🔎 <b>نتائج البحث عن:</b> «${query}»`,
  noArticles: 'لا توجد أخبار بعد. سأنشرها هنا حال وصولها.',
  noResults: (query: string) => `لم أجد أخباراً عن «${query}».\nجرّب كلمات أخرى، أو تصفّح آخر الأخبار.`,
  askSearchWords: 'ما الذي تبحث عنه؟ اكتب الكلمات في ردّ على هذه الرسالة.\nمثال: <code>المعادن النادرة</code>',
  queryTooLong: (max: number) => `البحث طويل جداً؛ اكتفِ بأهم الكلمات (حتى ${max} حرف).`,
  articleMissing: 'هذا الخبر لم يعد متاحاً.',
  headlineOnly: 'هذا عنوان فقط، ولا نصّ محفوظاً له بعد. يمكنك البحث عنه:',
  relatedTitle: (title: string) => `🔗 <b>أخبار ذات صلة بـ:</b> ${title}`,
  noRelated: 'لا توجد أخبار ذات صلة بعد.',
  fullTextPart: (part: number, total: number) => `(${part}/${total})`,
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
} as const;
