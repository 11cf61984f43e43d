import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/run-cli.ts';

const text = 'أعلنت الصين موافقتها على تصدير المعادن. وأكدت الوزارة الموافقة على الطلبات. وجاء في البيان أن المراجعة مستمرة.';

describe('npm run summarize', () => {
  it('summarises each JSONL line, a line\'s maxWords overriding the flag', async () => {
    const input = [JSON.stringify({ id: 'a', text }), JSON.stringify({ id: 'b', text, maxWords: 5 })].join('\n');
    const { code, stdout } = await runCli('src/cli/summarize.ts', ['--max-sentences', '1'], { input });
    assert.equal(code, 0);
    const [a, b] = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; summary: string });
    assert.deepEqual(a, { id: 'a', summary: 'أعلنت الصين موافقتها على تصدير المعادن.' });
    assert.equal(b?.id, 'b');
    assert.equal(b?.summary.split(' ').length, 5);
  });

  it('reports a bad line on stderr and still runs the rest', async () => {
    const input = ['{not json', JSON.stringify({ id: 'x', text: 42 }), JSON.stringify({ id: 'ok', text })].join('\n');
    const { code, stdout, stderr } = await runCli('src/cli/summarize.ts', [], { input });
    assert.equal(code, 1);
    assert.match(stderr, /line 1:/);
    assert.match(stderr, /line 2: "text" must be a string/);
    assert.equal(JSON.parse(stdout.trim()).id, 'ok');
  });

  it('refuses a malformed flag with usage', async () => {
    const { code, stderr } = await runCli('src/cli/summarize.ts', ['--max-words', 'ten']);
    assert.equal(code, 2);
    assert.match(stderr, /--max-words takes a positive whole number/);
  });
});
