import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dropAcronymGlosses } from '../../src/text/asides.ts';

// Real sentences of the news summary set and the ANT corpus (2018).
describe('dropAcronymGlosses', () => {
  const table: [string, string, string][] = [
    [
      'drops an English acronym after the Arabic name it abbreviates',
      'طالب 6 أعضاء بمجلس النواب الأمريكي مدير مكتب التحقيقات الفيدرالي (FBI) كريستوفر راي بالتحقيق.',
      'طالب 6 أعضاء بمجلس النواب الأمريكي مدير مكتب التحقيقات الفيدرالي كريستوفر راي بالتحقيق.',
    ],
    [
      'drops one glued to the name, keeping the comma after it',
      'قال بيارا بوار، رئيس هيئة مكافحة التمييز(FARE)، في الاتحاد الدولي لكرة القدم الفيفا.',
      'قال بيارا بوار، رئيس هيئة مكافحة التمييز، في الاتحاد الدولي لكرة القدم الفيفا.',
    ],
    [
      'drops one after a quoted name',
      'وفقا للإجراء المعروف باسم "الوضع المحمي المؤقت" (TPS)، ويمكن لأصحابها العمل.',
      'وفقا للإجراء المعروف باسم "الوضع المحمي المؤقت"، ويمكن لأصحابها العمل.',
    ],
    [
      'drops every gloss of the sentence, with hyphens or dots',
      'ودرس الباحثون التعرض للإشعاع (RF-EMF) في منظمة الصحة العالمية (WHO) والأمم المتحدة (U.N.) أيضا.',
      'ودرس الباحثون التعرض للإشعاع في منظمة الصحة العالمية والأمم المتحدة أيضا.',
    ],
    [
      'keeps a Latin name with digits: it is the name itself',
      'اختفاء الطائرة الماليزية التي تحمل الرقم (MH370)، وهي طائرة لم يعثر عليها.',
      'اختفاء الطائرة الماليزية التي تحمل الرقم (MH370)، وهي طائرة لم يعثر عليها.',
    ],
    [
      'keeps an Arabic bracket: a name, an age or an explanation',
      'أقرت اللجنة التأديبية بالاتحاد الدولي لكرة القدم (فيفا) بعقاب رئيس الاتحاد، وحرقت فتاة هندية (16 عاما).',
      'أقرت اللجنة التأديبية بالاتحاد الدولي لكرة القدم (فيفا) بعقاب رئيس الاتحاد، وحرقت فتاة هندية (16 عاما).',
    ],
    [
      "keeps an agency's credit before a dash (a dateline)",
      'دبي، الإمارات العربية المتحدة (CNN) – دك النجم البرتغالي كريستيانو رونالدو حصون نادي جيرونا.',
      'دبي، الإمارات العربية المتحدة (CNN) – دك النجم البرتغالي كريستيانو رونالدو حصون نادي جيرونا.',
    ],
    [
      'keeps a product name that is not an acronym, and a bracket after a Latin word',
      'أطلقت أبل نظام التشغيل (iOS) وهواتف iPhone (XR) الجديدة.',
      'أطلقت أبل نظام التشغيل (iOS) وهواتف iPhone (XR) الجديدة.',
    ],
  ];
  for (const [name, sentence, expected] of table) {
    it(name, () => assert.equal(dropAcronymGlosses(sentence), expected));
  }
});
