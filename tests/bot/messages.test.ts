import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COUNTED, MAX_TOPIC_CHARS, MAX_TOPICS, messages } from '../../src/bot/messages.ts';
import { arabicCount } from '../../src/render-html.ts';

describe('arabicCount: a counted noun in the number form Arabic gives it', () => {
  const table: [number, keyof typeof COUNTED, string][] = [
    [1, 'characters', 'حرف واحد'],
    [2, 'characters', 'حرفين'],
    [3, 'characters', '٣ أحرف'],
    [10, 'characters', '١٠ أحرف'],
    [11, 'characters', '١١ حرفاً'],
    [40, 'characters', '٤٠ حرفاً'],
    [99, 'characters', '٩٩ حرفاً'],
    [100, 'characters', '١٠٠ حرف'],
    [102, 'characters', '١٠٢ حرف'],
    [103, 'characters', '١٠٣ أحرف'],
    [111, 'characters', '١١١ حرفاً'],
    [200, 'characters', '٢٠٠ حرف'],
    [0, 'documents', '٠ وثيقة'],
    [1, 'documents', 'وثيقة واحدة'],
    [2, 'documents', 'وثيقتان'],
    [7, 'documents', '٧ وثائق'],
    [12, 'documents', '١٢ وثيقة'],
    [1000, 'documents', '١٠٠٠ وثيقة'],
    [1, 'topics', 'موضوع واحد'],
    [10, 'topics', '١٠ مواضيع'],
    [25, 'topics', '٢٥ موضوعاً'],
    [2, 'minutes', 'دقيقتين'],
    [5, 'minutes', '٥ دقائق'],
  ];
  for (const [n, noun, text] of table) it(`${n} ${noun} → ${text}`, () => assert.equal(arabicCount(n, COUNTED[noun]), text));
});

describe('limits told to readers', () => {
  it('the query limit in Arabic digits and the right form', () => {
    assert.equal(messages.queryTooLong(200), 'البحث طويل جداً؛ اكتفِ بأهم الكلمات (حتى ٢٠٠ حرف).');
  });

  it('the topics limits follow the limits the answers are checked against', () => {
    assert.equal(messages.subscription.badTopics(MAX_TOPICS, MAX_TOPIC_CHARS), 'اكتب حتى ١٠ مواضيع، كل منها حتى ٤٠ حرفاً، مفصولة بفواصل.');
    assert.equal(messages.subscription.badTopics(3, 12), 'اكتب حتى ٣ مواضيع، كل منها حتى ١٢ حرفاً، مفصولة بفواصل.');
    assert.equal(messages.subscription.badTopics(12, 2), 'اكتب حتى ١٢ موضوعاً، كل منها حتى حرفين، مفصولة بفواصل.');
  });
});
