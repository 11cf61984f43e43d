import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/run-cli.ts';
import { SEED_FILE, tempDir } from '../helpers/tmp.ts';

describe('npm run search', () => {
  it('refuses to search DATA_DIR\'s lowdb files when DATABASE_URL is set, saying to search in the bot', async () => {
    const dir = await tempDir();
    const { code, stdout, stderr } = await runCli('src/cli/search.ts', ['الصين'], { env: { DATA_DIR: join(dir, 'data'), DATABASE_URL: 'postgres://khulasa@127.0.0.1:9/khulasa' } });
    assert.equal(code, 1);
    assert.equal(stdout, '', 'not "no results", which would be false');
    assert.match(stderr, /^error: DATABASE_URL is set, and npm run search works on the lowdb files in DATA_DIR.*Search in the bot/);
  });

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

  it('evaluation mode stores an untitled document as ingestion does: known by its lead', async () => {
    const dir = await tempDir();
    const corpus = join(dir, 'corpus.jsonl');
    const queries = join(dir, 'queries.jsonl');
    await writeFile(corpus, [
      { id: 'later', text: 'ناقش البرلمان الميزانية العامة للدولة.\nوأشار نائب إلى حملة تطعيم ضد الحصبة.' },
      { id: 'lead', text: 'أطلقت وزارة الصحة حملة تطعيم ضد الحصبة في المدارس.\nوقال الوزير إن الحملة تستمر شهرا كاملا في كل المحافظات.' },
      { id: 'other', text: 'ارتفعت أسعار النفط في الأسواق العالمية.' },
    ].map((d) => JSON.stringify(d)).join('\n'));
    await writeFile(queries, JSON.stringify({ qid: 'q1', query: 'حملة تطعيم ضد الحصبة' }));
    const { stdout } = await runCli('src/cli/search.ts', ['--corpus', corpus, '--queries', queries, '--k', '2']);
    assert.deepEqual(JSON.parse(stdout.trim()), { qid: 'q1', ids: ['lead', 'later'] });
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
