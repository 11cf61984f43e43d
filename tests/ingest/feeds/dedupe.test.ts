import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleMeta } from '../../../src/domain.ts';
import { DuplicateFinder } from '../../../src/ingest/feeds/dedupe.ts';
import { idForPageLead, idForTitle } from '../../../src/ingest/ids.ts';

const meta = (id: string, url?: string): ArticleMeta => ({
  id, kind: 'article', title: id, keywords: [], related: [], publishedAt: '2026-11-26T08:00:00.000Z', ingestedAt: '2026-11-26T08:00:00.000Z',
  updatedAt: '2026-11-26T08:00:00.000Z', origin: 'x', pageOrder: 0, contentHash: 'h', ...(url ? { url } : {}),
});

function finder(stored: ArticleMeta[], feedLinks: [string, string][] = []) {
  const byId = new Map(stored.map((a) => [a.id, a]));
  return new DuplicateFinder({ byId: (id) => byId.get(id), all: () => byId.values() }, () => feedLinks);
}

const TITLE = 'ارتفاع أسعار الذهب في الأسواق العربية';

describe('DuplicateFinder.resolve', () => {
  it('keeps the id an item\'s guid had, even when its title and link changed', () => {
    const f = finder([meta('known1')]);
    assert.equal(f.resolve({ title: 'عنوان جديد تماماً للخبر نفسه', link: 'https://a.example/new', fallback: 'a#g' }, 'known1'), 'known1');
  });

  it('matches a stored article by its link, with or without tracking parameters', () => {
    const f = finder([meta('page1', 'https://a.example/gold?utm_source=x')]);
    assert.equal(f.resolve({ title: TITLE, link: 'https://a.example/gold', fallback: 'b#1' }), 'page1');
  });

  it('matches by a link another feed carried when the owner has no link of its own', () => {
    const f = finder([meta('seed1')], [['https://a.example/gold', 'seed1']]);
    assert.equal(f.resolve({ title: 'عنوان آخر مختلف عن الذهب', link: 'https://a.example/gold', fallback: 'c#1' }), 'seed1');
  });

  it('matches by normalised title: hamza, spacing and punctuation do not matter', () => {
    const f = finder([]);
    assert.equal(f.resolve({ title: 'ارتفاع اسعار الذهب في الاسواق العربية.', fallback: 'd#1' }), idForTitle(TITLE));
  });

  it('within one poll, gives a later item the id an earlier one got by link or title', () => {
    const f = finder([]);
    const first = f.resolve({ title: TITLE, link: 'https://a.example/gold', fallback: 'e#1' });
    assert.equal(f.resolve({ title: 'عاجل: الذهب يرتفع في أسواق المنطقة', link: 'https://a.example/gold', fallback: 'f#1' }), first);
  });

  it('never matches by a generic short title: each such story keeps its own link\'s id', () => {
    const f = finder([]);
    const a = f.resolve({ title: 'عاجل', link: 'https://a.example/1', fallback: 'g#1' });
    const b = f.resolve({ title: 'عاجل', link: 'https://b.example/2', fallback: 'h#1' });
    assert.notEqual(a, b);
    assert.equal(a, idForPageLead('https://a.example/1'));
    assert.notEqual(f.resolve({ title: 'موجز الأخبار الصباحي', fallback: 'i#1' }), f.resolve({ title: 'موجز الأخبار الصباحي', fallback: 'j#1' }));
  });
});
