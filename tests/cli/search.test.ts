import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/run-cli.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';

describe('npm run search', () => {
  it('evaluation mode ranks a JSONL corpus for JSONL queries', async () => {
    const dir = await tempDir();
    const corpus = join(dir, 'corpus.jsonl');
    const queries = join(dir, 'queries.jsonl');
    await writeFile(corpus, [
      { id: 'd1', title: 'القاهرة', text: 'القاهرة عاصمة مصر وأكبر مدنها.' },
      { id: 'd2', title: 'دمشق', text: 'دمشق عاصمة سوريا وأقدم مدينة مأهولة.' },
    ].map((d) => JSON.stringify(d)).join('\n'));
    await writeFile(queries, [{ qid: 'q1', query: 'ما هي عاصمة سوريا؟' }, { qid: 'q2', query: 'كرة السلة' }].map((q) => JSON.stringify(q)).join('\n'));
    const { code, stdout } = await runCli('src/cli/search.ts', ['--corpus', corpus, '--queries', queries, '--k', '1']);
    assert.equal(code, 0);
    assert.deepEqual(stdout.trim().split('\n').map((l) => JSON.parse(l)), [{ qid: 'q1', ids: ['d2'] }, { qid: 'q2', ids: [] }]);
  });

  it('searches the store and prints JSON', async () => {
    const dir = await tempDir();
    const env = { DATA_DIR: join(dir, 'data'), SEEDS_DIR: dir };
    await runCli('src/cli/ingest.ts', [SEED_FILE], { env });
    const { code, stdout } = await runCli('src/cli/search.ts', ['--json', 'المعادن', 'النادرة'], { env });
    assert.equal(code, 0);
    const out = JSON.parse(stdout) as { results: { title: string }[] };
    assert.match(out.results[0]?.title ?? '', /^الصين توافق/);
  });

  it('asks for words when given none', async () => {
    const { code, stderr } = await runCli('src/cli/search.ts', []);
    assert.equal(code, 2);
    assert.match(stderr, /what should I search for/);
  });
});
