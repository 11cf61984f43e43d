import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveTitle } from '../../src/ingest/derive-title.ts';

describe('deriveTitle', () => {
  it('keeps a short first sentence whole, without its stop', () => {
    assert.equal(deriveTitle('ارتفاع أسعار الذهب في الأسواق العالمية. وقال محللون إن الطلب زاد.'), 'ارتفاع أسعار الذهب في الأسواق العالمية');
  });

  it('cuts a long sentence at a phrase boundary, never mid-word', () => {
    const lead = 'اتفق وزير الدفاع الياباني جين ناكاتاني ونظيره الأمريكي بيت هيغسيث، على تعزيز التحالف الثنائي بين البلدين في ظل إدارة الرئيس الأمريكي دونالد ترامب.';
    const title = deriveTitle(lead);
    assert.equal(title, 'اتفق وزير الدفاع الياباني جين ناكاتاني ونظيره الأمريكي بيت هيغسيث، على تعزيز التحالف الثنائي');
  });

  it('falls back to the last whole word when no phrase boundary fits', () => {
    const lead = 'كلمة '.repeat(40).trim();
    const title = deriveTitle(lead);
    assert.ok(title.length <= 100);
    assert.ok(title.split(' ').every((w) => w === 'كلمة'));
  });

  it('leaves out a dateline or agency credit', () => {
    const table: [string, string][] = [
      ['دبي، الإمارات العربية المتحدة (CNN) – قال الرئيس التركي رجب طيب أردوغان، السبت، إن بلاده تستعد لاستخدام العملات المحلية في تجارتها.', 'قال الرئيس التركي رجب طيب أردوغان، السبت، إن بلاده تستعد لاستخدام العملات المحلية في تجارتها'],
      ['لندن (رويترز) - ارتفعت أسعار النفط اليوم.', 'ارتفعت أسعار النفط اليوم'],
      ['الصين – أعلنت الصين موافقتها على تصدير المعادن النادرة.', 'أعلنت الصين موافقتها على تصدير المعادن النادرة'],
    ];
    for (const [lead, title] of table) assert.equal(deriveTitle(lead), title);
  });

  it('drops leading and trailing punctuation', () => {
    assert.equal(deriveTitle('— عاجل: سقوط أمطار غزيرة.'), 'عاجل: سقوط أمطار غزيرة');
  });
});
