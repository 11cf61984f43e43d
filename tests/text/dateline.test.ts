import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { opensWithAgencyDateline, stripDateline } from '../../src/text/dateline.ts';

describe('stripDateline', () => {
  const table: [string, string, string][] = [
    ['a CNN city and country dateline with a spaced dash', 'أتلانتا، الولايات المتحدة الأمريكية (CNN) – دعت أمريكا لعقد جلسة طارئة لمجلس الأمن.', 'دعت أمريكا لعقد جلسة طارئة لمجلس الأمن.'],
    ['a CNN dateline with a glued double dash', 'دبي، الإمارات العربية المتحدة (CNN)-- اعتبرت الصحف الإنجليزية تغريدة النجم المصري محمد صلاح ردا على السخرية.', 'اعتبرت الصحف الإنجليزية تغريدة النجم المصري محمد صلاح ردا على السخرية.'],
    ['a CNN dateline with an em dash', 'نيويورك، الولايات المتحدة الأمريكية (CNN)— أمضت شبكة CNN ثلاث سنوات بالتحضير لوثائقي.', 'أمضت شبكة CNN ثلاث سنوات بالتحضير لوثائقي.'],
    ['a credit without a place', '(CNN)-- قالت الحكومة اليمنية المعترف بها دوليا إنها لن تنتظر في جنيف.', 'قالت الحكومة اليمنية المعترف بها دوليا إنها لن تنتظر في جنيف.'],
    ['a city and an agency in brackets', 'لندن (رويترز) - قالت الحكومة البريطانية إنها ستراجع القرار.', 'قالت الحكومة البريطانية إنها ستراجع القرار.'],
    ['a city, a dash and an agency', 'واشنطن - أ ف ب - أعلن البيت الأبيض فرض عقوبات جديدة.', 'أعلن البيت الأبيض فرض عقوبات جديدة.'],
    ['a city, a slash and an agency', 'القاهرة/ الأناضول قال وزير الخارجية المصري إن المفاوضات مستمرة.', 'قال وزير الخارجية المصري إن المفاوضات مستمرة.'],
    ['a credit line on its own', '(بي بي سي)', ''],
    ['a dateline line on its own', 'القاهرة/ الأناضول', ''],
    ['a city and a newspaper between dashes', 'عمان - الرأي - قال وزير المياه إن الموسم المطري جيد.', 'قال وزير المياه إن الموسم المطري جيد.'],
    ['a bare place and a dash (the seed page)', 'الصين – أعلنت الصين موافقتها على بعض الطلبات لتصدير معادن أرضية نادرة', 'أعلنت الصين موافقتها على بعض الطلبات لتصدير معادن أرضية نادرة'],
    ['keeps an agency named inside the sentence', 'أعلنت وكالة الأنباء السورية (سانا) بدء خروج مقاتلين معارضين.', 'أعلنت وكالة الأنباء السورية (سانا) بدء خروج مقاتلين معارضين.'],
    ['keeps a bracketed abbreviation that no dash follows', 'اتهم الاتحاد الأوروبي لكرة القدم (يويفا) جماهير الفريق برفع لافتة عنصرية.', 'اتهم الاتحاد الأوروبي لكرة القدم (يويفا) جماهير الفريق برفع لافتة عنصرية.'],
    ['keeps an agency that is the story\'s source', 'قال مسؤولون أميركيون لرويترز إن الولايات المتحدة تعتقد أن إيران تعد لمناورات.', 'قال مسؤولون أميركيون لرويترز إن الولايات المتحدة تعتقد أن إيران تعد لمناورات.'],
    ['keeps a phrase with a dash inside (skynews)', 'تشهد العلاقات الإماراتية – الصينية، تطورا كبيرا في جميع المجالات.', 'تشهد العلاقات الإماراتية – الصينية، تطورا كبيرا في جميع المجالات.'],
    ['keeps a score (alarabia)', 'مع خسارته صفر - 3 على ملعبه ذهابا، قد يكون الحافز الأساسي غائبا.', 'مع خسارته صفر - 3 على ملعبه ذهابا، قد يكون الحافز الأساسي غائبا.'],
    ['keeps an aside after three words (BBC)', 'ألقت فضيحة فيسبوك - المتعلقة بتداول بيانات شخصية - بظلالها على الشركة.', 'ألقت فضيحة فيسبوك - المتعلقة بتداول بيانات شخصية - بظلالها على الشركة.'],
    ['a two-word place and a dash', 'رام الله - قال رئيس الوزراء الفلسطيني إن الحكومة ستجتمع غدا.', 'قال رئيس الوزراء الفلسطيني إن الحكومة ستجتمع غدا.'],
    ['keeps an aside between dashes after four words', 'قال وزير الخارجية الأمريكي - مجددا - إن المحادثات ستستأنف.', 'قال وزير الخارجية الأمريكي - مجددا - إن المحادثات ستستأنف.'],
    ['keeps a subject with a bracketed abbreviation and an aside', 'أعلنت منظمة الصحة العالمية (WHO) - في تقرير جديد - أن التدخين يقتل الملايين.', 'أعلنت منظمة الصحة العالمية (WHO) - في تقرير جديد - أن التدخين يقتل الملايين.'],
    ['a CNN dateline without a dash after city and country', 'أتلانتا، الولايات المتحدة الأمريكية (CNN) نفى الرئيس الفرنسي السابق نيكولا ساركوزي الادعاءات.', 'نفى الرئيس الفرنسي السابق نيكولا ساركوزي الادعاءات.'],
    ['a CNN dateline with a stray point and two dashes', 'دبي، الإمارات العربية المتحدة (CNN).- – تألق النجم المصري محمد صلاح أمام واتفورد.', 'تألق النجم المصري محمد صلاح أمام واتفورد.'],
    ['a place with a shadda and invisible direction marks', '\u202B\u202Bعمّان، الأردن (CNN)-- أعلن في العاصمة الأردنية عن توقيع اتفاقية.', 'أعلن في العاصمة الأردنية عن توقيع اتفاقية.'],
    ['keeps an agency credited in brackets without a dash', 'ذكرت وكالة الأنباء السعودية (واس) أن مجلس الوزراء كلف اللجنة الإشرافية.', 'ذكرت وكالة الأنباء السعودية (واس) أن مجلس الوزراء كلف اللجنة الإشرافية.'],
    ['keeps a channel named in brackets before a comma', 'قالت مذيعتان بهيئة الإذاعة البريطانية (بي بي سي)، مع بداية البرنامج، إنهما تطالبان بالمساواة.', 'قالت مذيعتان بهيئة الإذاعة البريطانية (بي بي سي)، مع بداية البرنامج، إنهما تطالبان بالمساواة.'],
    ['a CNN dateline whose places end in a comma', 'لندن، المملكة المتحدة، (CNN)-- أعلن الرؤساء التنفيذيون لـ3 بنوك عالمية انسحابهم من مؤتمر الاستثمار السعودي.', 'أعلن الرؤساء التنفيذيون لـ3 بنوك عالمية انسحابهم من مؤتمر الاستثمار السعودي.'],
    ['a city and an agency between tatweels standing for dashes', 'عمان ـ بترا ـ قال وزير المياه إن الموسم المطري جيد.', 'قال وزير المياه إن الموسم المطري جيد.'],
    ['keeps an outlet after a stretched لـ (a tatweel after a letter is no dash)', 'وقال كيربي، في تصريحات لـCNN، إنه "يوجد قلق حقيقي" من توسع الحرب.', 'وقال كيربي، في تصريحات لـCNN، إنه "يوجد قلق حقيقي" من توسع الحرب.'],
    ['keeps a sentence without a dateline', 'اتهمت الحكومة الإسرائيلية إيران بمحاولة الهجوم على أراضيها.', 'اتهمت الحكومة الإسرائيلية إيران بمحاولة الهجوم على أراضيها.'],
  ];
  for (const [name, input, expected] of table) it(name, () => assert.equal(stripDateline(input), expected));

  // Places may follow one another without a comma, but never inside one word: a pattern that could
  // split a word into places tried every split of a long word, and one such line held up ingestion
  // for minutes (every summary reads the lead through here).
  const long = 'ب'.repeat(5_000);
  const hostile: [string, string][] = [
    ['one very long word', `${long} نص`],
    ['a very long word before a bracket', `${long} (CNN`],
    ['long glued words before an agency', `${'مدينةالقاهرةالكبرى'.repeat(300)} (رويترز`],
  ];
  for (const [name, input] of hostile) it(`returns a line with no dateline unchanged at once: ${name}`, () => assert.equal(stripDateline(input), input));
});

describe('opensWithAgencyDateline', () => {
  const table: [string, string, boolean][] = [
    ['a CNN dateline', 'دبي، الإمارات العربية المتحدة (CNN) – دك النجم البرتغالي كريستيانو رونالدو حصون نادي جيرونا.', true],
    ['a city, a dash and an agency', 'واشنطن - أ ف ب - أعلن البيت الأبيض فرض عقوبات جديدة.', true],
    ['a credit line on its own', '(بي بي سي)', true],
    ['not an attribution with an agency in brackets', 'وأدى ذلك، بحسب وكالة (وام) الرسمية إلى تأخير إقلاع الطائرة لعدة ساعات.', false],
    ['not an age in brackets before a colon', 'وقال الوزير (73 عاما): إن الحكومة ستجتمع غدا.', false],
    ['not a bare place and a dash', 'رام الله - قال رئيس الوزراء الفلسطيني إن الحكومة ستجتمع غدا.', false],
    ['not an outlet after a stretched لـ', 'وقال المصدر، في تصريحات لـCNN، إن الأمير هو من بادر بالاتصال.', false],
  ];
  for (const [name, text, expected] of table) it(name, () => assert.equal(opensWithAgencyDateline(text), expected));
});
