import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Article } from '../../src/domain.ts';
import { SearchIndex } from '../../src/search/search-index.ts';
import { seedArticles } from '../helpers/seed-articles.ts';

const articles = seedArticles();
const [japan, china] = articles;
const index = SearchIndex.empty();
for (const a of articles) index.upsert(a);
const ids = (query: string) => index.search(query).map((h) => h.id);

describe('SearchIndex on the seed page', () => {
  const firstHit: [string, string | undefined][] = [
    ['الصين', china?.id],
    ['المعادن النادرة', china?.id],
    ['والمعادن', china?.id],
    ['معادن نادرة', china?.id],
    ['اليابان', japan?.id],
    ['أوكيناوا', japan?.id],
    ['اوكيناوا', japan?.id],
    ['هيغسيث', japan?.id],
    ['سينكاكو', japan?.id],
    ['وزير الدفاع الياباني', japan?.id],
  ];
  for (const [query, expected] of firstHit) {
    it(`"${query}" finds the right article first`, () => assert.equal(ids(query)[0], expected));
  }

  for (const query of ['الامريكيه', 'ترامب']) {
    it(`"${query}" finds both articles`, () => assert.deepEqual(new Set(ids(query)), new Set([japan?.id, china?.id])));
  }

  for (const query of ['برشلونة', 'xyz', 'Football', '؟؟', '']) {
    it(`"${query}" finds nothing rather than noise`, () => assert.deepEqual(ids(query), []));
  }

  it('matches the word being typed by its beginning', () => {
    const typing = (query: string) => index.search(query, { asYouType: true }).map((h) => h.id);
    assert.equal(typing('المعاد')[0], china?.id);
    assert.equal(typing('ناكات')[0], japan?.id);
  });

  it('tolerates one typo in a long word', () => {
    assert.equal(ids('المفاوضاة')[0], china?.id); // المفاوضات
  });

  it('ignores tashkeel and hamza variants in queries', () => {
    assert.equal(ids('الصِّين')[0], china?.id);
    assert.equal(ids('اوكيناوآ')[0], japan?.id);
  });

  it('leaves headline-only items out of reader searches unless asked', () => {
    assert.ok(!ids('لوس أنجلوس').length);
    const withHeadlines = index.search('لوس أنجلوس', { includeHeadlines: true });
    assert.ok(withHeadlines.length >= 2);
  });

  it('reports the matched terms for snippets', () => {
    const [hit] = index.search('المعادن النادرة');
    assert.ok(hit?.terms.includes('معادن'));
  });

  it('forgets a removed article and replaces an updated one', () => {
    const local = SearchIndex.empty();
    local.upsert(china!);
    local.remove(china!.id);
    assert.deepEqual(local.search('الصين'), []);
    local.upsert({ ...china!, paragraphs: ['نص جديد عن البرازيل.'] });
    local.upsert({ ...china!, paragraphs: ['نص أحدث عن الأرجنتين.'] });
    assert.equal(local.size, 1);
    assert.equal(local.search('الأرجنتين')[0]?.id, china!.id);
    assert.deepEqual(local.search('البرازيل'), []);
  });

  it('answers the same from a snapshot as before it', () => {
    const restored = SearchIndex.fromSnapshot(index.snapshot());
    assert.ok(restored);
    for (const query of ['سينكاكو', 'الامريكيه', 'المعاد', 'المفاوضاة']) {
      assert.deepEqual(restored.search(query), index.search(query), query);
    }
  });

  it('refuses a snapshot of another index format', () => {
    assert.equal(SearchIndex.fromSnapshot({ ...index.snapshot(), format: 1 }), null);
  });

  it('answers a 4096-character query without error', () => {
    assert.ok(Array.isArray(index.search('الصين '.repeat(700).slice(0, 4096))));
  });
});

/** An article with just what the index reads. */
function article(id: string, title: string, body: string): Article {
  return {
    id, kind: 'article', title, keywords: [], related: [], publishedAt: '', ingestedAt: '', updatedAt: '',
    origin: 'test', pageOrder: 0, contentHash: '', paragraphs: [body], summary: '', digestLine: '',
  };
}

describe('SearchIndex ranking', () => {
  it('does not let an article outrank a tighter one by repeating its own subject in its body', () => {
    const local = SearchIndex.empty();
    local.upsert(article('repeats', 'الأرز', 'الأرز غذاء. يزرع الأرز في آسيا، ويحصد الأرز مرتين، ويصدر الأرز إلى أوروبا، ويخزن الأرز في صوامع. وارتفعت أسعار الشحن والوقود والأسمدة هذا العام.'));
    local.upsert(article('tight', 'الأرز', 'ارتفعت أسعار الأرز في آسيا هذا العام بسبب الجفاف والحرارة.'));
    local.upsert(article('other1', 'القمح', 'انخفضت أسعار القمح في أوروبا بعد حصاد وفير.'));
    local.upsert(article('other2', 'النفط', 'استقرت أسعار النفط في الأسواق العالمية.'));
    assert.deepEqual(local.search('أسعار الأرز').slice(0, 2).map((h) => h.id), ['tight', 'repeats']);
  });

  it('matches a misspelt word with a typo even when the other words find plenty', () => {
    const local = SearchIndex.empty();
    for (let i = 0; i < 4; i++) local.upsert(article(`gov${i}`, `الحكومة تجتمع ${i}`, 'اجتمعت الحكومة اليوم لبحث الميزانية.'));
    local.upsert(article('talks', 'جولة جديدة', 'ارتفعت الاستثمارات الأجنبية في جنيف.'));
    assert.ok(local.search('الحكومة الاستسمارات ').some((h) => h.id === 'talks'));
    // A known word is not widened: "الحكومه" exists, so no typo neighbours are added for it.
    assert.deepEqual(new Set(local.search('الحكومة').map((h) => h.id)), new Set(['gov0', 'gov1', 'gov2', 'gov3']));
  });

  it('reads an unknown word as its near spelling, not as a weak guess', () => {
    const local = SearchIndex.empty();
    local.upsert(article('belgium', 'بلجيكا', 'بلجيكا مملكة في أوروبا الغربية، وفيها مقر الاتحاد الأوروبي.'));
    local.upsert(article('netherlands', 'عاصمة هولندا', 'أمستردام عاصمة هولندا وأكبر مدنها.'));
    local.upsert(article('france', 'عاصمة فرنسا', 'باريس عاصمة فرنسا وأكبر مدنها.'));
    local.upsert(article('egypt', 'مصر', 'مصر جمهورية في أفريقيا، عاصمتها القاهرة.'));
    assert.equal(local.search('عاصمة بلجيكيا؟')[0]?.id, 'belgium');
  });
});

/** An index of small articles, each given as [id, title, body]. */
function indexOf(items: [id: string, title: string, body: string][]): SearchIndex {
  const local = SearchIndex.empty();
  for (const [id, title, body] of items) local.upsert(article(id, title, body));
  return local;
}

describe('SearchIndex: the rarest word of a query decides', () => {
  // Seventeen small news articles; only one mentions ساركوزي, four hold "رهن الاحتجاز" or its words.
  const local = indexOf([
    ['sarkozy', 'ساركوزي موقوف لليوم الثاني', 'استمر التوقيف الاحترازي للرئيس الفرنسي الأسبق نيكولا ساركوزي لليوم الثاني في إطار التحقيق في تمويل ليبي لحملته الانتخابية. ووصل ساركوزي صباحا إلى مقر مكتب مكافحة الفساد قرب باريس.'],
    ['hostages', 'حصار متجر في لوس أنجلوس', 'أعلنت الشرطة اسم المشتبه فيه باحتجاز رهائن في متجر، وقالت إنه رهن الاحتجاز بعد ساعات من الحصار، وإن الاحتجاز سيستمر حتى مثوله أمام القاضي.'],
    ['migrants', 'جدل حول أطفال المهاجرين', 'دخلت السيدة الأولى على خط الجدل بشأن سياسة احتجاز أطفال المهاجرين، وقال محامون إن مئات الأطفال رهن الاحتجاز في مراكز مؤقتة.'],
    ['rights', 'منظمة حقوقية تطالب بالتحقيق', 'طالبت منظمة حقوقية السلطات بالتحقيق في ظروف احتجاز ناشطين واعتقالهم دون محاكمة.'],
    ['mortgage', 'احتجاجات المقترضين أمام البرلمان', 'تظاهر آلاف المقترضين ضد فوائد الرهن العقاري.'],
    ['oil', 'أسعار النفط ترتفع', 'ارتفعت أسعار النفط في الأسواق العالمية بعد قرار منظمة أوبك خفض الإنتاج.'],
    ['football', 'ليفربول يفوز على روما', 'فاز فريق ليفربول على روما بخمسة أهداف مقابل هدفين في ذهاب نصف نهائي دوري الأبطال.'],
    ['rain', 'أمطار غزيرة في الأردن', 'هطلت أمطار غزيرة على عمان وأغلقت السلطات عددا من الطرق.'],
    ['election', 'انتخابات بلدية في تونس', 'أدلى التونسيون بأصواتهم في أول انتخابات بلدية منذ الثورة.'],
    ['gold', 'الذهب يتراجع', 'تراجعت أسعار الذهب مع صعود الدولار وإقبال المستثمرين على الأسهم.'],
    ['lira', 'الليرة التركية تهبط', 'هبطت الليرة التركية إلى مستوى قياسي أمام الدولار وسط مخاوف المستثمرين.'],
    ['salah', 'صلاح أفضل لاعب', 'فاز محمد صلاح بجائزة أفضل لاعب في الدوري الإنجليزي الممتاز.'],
    ['yemen', 'معارك في الحديدة', 'تواصلت المعارك قرب ميناء الحديدة غرب اليمن لليوم الثالث.'],
    ['cinema', 'مهرجان كان يفتتح دورته', 'افتتح مهرجان كان السينمائي دورته الحادية والسبعين بفيلم إسباني.'],
    ['space', 'إطلاق صاروخ إلى المريخ', 'أطلقت وكالة الفضاء الأمريكية مسبارا جديدا لدراسة باطن كوكب المريخ.'],
    ['health', 'لقاح جديد ضد الملاريا', 'أعلن باحثون نتائج واعدة للقاح جديد ضد الملاريا في أفريقيا.'],
    ['trade', 'رسوم أمريكية على الصلب', 'فرضت الولايات المتحدة رسوما جمركية على واردات الصلب والألمنيوم.'],
  ]);

  const cases: [query: string, asYouType: boolean, why: string][] = [
    ['ساركوزي رهن الاحتجاز', false, 'sent as a search'],
    ['ساركوزي رهن الاحتجاز', true, 'while the last word is still being typed'],
    ['ساركوزي رهن الاحتج', true, 'with the last word half-typed'],
    ['رهن الاحتجاز ساركوزي', false, 'whatever the order of the words'],
  ];
  for (const [query, asYouType, why] of cases) {
    it(`"${query}" finds the one article about ساركوزي first, ${why}`, () => assert.equal(local.search(query, { asYouType })[0]?.id, 'sarkozy'));
  }

  it('counts a word matched in several forms (exact, root, longer) as one word', () => {
    const hit = local.search('الاحتجاز').find((h) => h.id === 'hostages');
    assert.deepEqual(hit?.terms, ['احتجاز']);
  });
});

describe('SearchIndex: a word written with a preposition attached', () => {
  const local = indexOf([
    ['metro', 'مترو الرياض', 'بدأت البنوك تمويل مشروع المترو بقرض طويل الأجل.'],
    ['bridge', 'جسر جديد', 'افتتح المحافظ مشروع الجسر الجديد فوق النهر.'],
    ['school', 'مدرسة جديدة', 'خصصت الوزارة أرضا لمشروع مدرسة في الحي.'],
    ['loan', 'قرض للشركة', 'حصلت الشركة على تمويل من البنوك لتوسيع مصنعها.'],
  ]);

  it('"تمويل لمشروع" finds the article that funds a project ("تمويل مشروع") first', () => {
    assert.equal(local.search('تمويل لمشروع ')[0]?.id, 'metro');
  });
});

describe('SearchIndex: the word being typed', () => {
  const local = indexOf([
    ['protests', 'احتجاجات في باريس', 'خرج آلاف المتظاهرين إلى شوارع باريس.'],
    ...Array.from({ length: 4 }, (_, i): [string, string, string] => [`detention${i}`, 'احتجاز صحفي', `احتجزت الشرطة صحفيا في المدينة رقم ${i + 1}.`]),
    ...Array.from({ length: 10 }, (_, i): [string, string, string] => [`weather${i}`, 'طقس بارد', `انخفضت درجات الحرارة في المدينة رقم ${i + 1}.`]),
  ]);

  it('weighs a rare word a fragment begins no more than a common one: it is no better a guess', () => {
    const score = new Map(local.search('احتج', { asYouType: true }).map((h) => [h.id, h.score]));
    // Unbounded, the rarer "احتجاجات" scored nearly twice "احتجاز", by its idf alone.
    assert.ok((score.get('protests') ?? 0) <= (score.get('detention0') ?? 0) + 1e-9, JSON.stringify([...score]));
  });

  it('does not count a longer word as a query word matched', () => {
    const hit = local.search('باريس احتج', { asYouType: true }).find((h) => h.id === 'protests');
    assert.deepEqual(hit?.terms, ['باريس']);
  });
});
