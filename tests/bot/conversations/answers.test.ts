import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readAnswer } from '../../../src/bot/conversations/answers.ts';

describe('readAnswer: topics', () => {
  const cases: { name: string; text: string; topics: string[] | null }[] = [
    { name: 'a plain list, Arabic and Latin commas', text: 'اقتصاد، رياضة, صحة', topics: ['اقتصاد', 'رياضة', 'صحة'] },
    { name: 'a right-to-left override before a topic', text: '\u202Eاقتصاد', topics: ['اقتصاد'] },
    { name: 'a left-to-right override left open in the middle', text: 'رياضة\u202D عالمية، صحة', topics: ['رياضة عالمية', 'صحة'] },
    { name: 'isolates around a topic', text: '\u2067الذكاء الاصطناعي\u2069', topics: ['الذكاء الاصطناعي'] },
    { name: 'zero-width spaces and joiners inside a word', text: 'اق\u200Bتص\u200Dاد؛ نفط\uFEFF', topics: ['اقتصاد', 'نفط'] },
    { name: 'two spellings that differ only by invisible characters are one topic', text: 'نفط، ن\u200Bفط', topics: ['نفط'] },
    { name: 'no-break and thin spaces become one space', text: 'كرة\u00A0\u2009القدم', topics: ['كرة القدم'] },
    { name: 'a topic of invisible characters alone is dropped', text: 'اقتصاد، \u202E\u200B', topics: ['اقتصاد'] },
    { name: 'only invisible characters is no answer', text: '\u202E\u200B\u2066', topics: null },
    { name: 'the right-to-left mark, which reorders nothing, stays', text: 'صحة\u200F', topics: ['صحة\u200F'] },
  ];
  for (const { name, text, topics } of cases) {
    it(name, () => {
      const answer = readAnswer('topics', { text });
      assert.deepEqual(answer, topics === null ? null : { field: 'topics', value: topics });
    });
  }
});
