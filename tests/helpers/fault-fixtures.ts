// Fixtures for the fault suite: many pages, hundreds of chats due a digest, a seeded random
// source, and the check that every data file left behind by a killed process is whole.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatRecord } from '../../src/domain.ts';
import type { TelegramEmulator } from '../../src/emulator/emulator.ts';
import { decodeIndexFile } from '../../src/search/index-file.ts';
import { ArticleRepository } from '../../src/store/article-repository.ts';
import { ChatRepository } from '../../src/store/chat-repository.ts';
import { ConversationStorage } from '../../src/store/conversation-storage.ts';
import { writePages } from './pages.ts';

/** A seeded random source (mulberry32), so that a failing run replays with its seed. */
export { rng as seededRandom } from '../bench/corpus.ts';

const TOPICS = ['الاقتصاد', 'الطاقة', 'التعليم', 'الصحة', 'الزراعة', 'النقل', 'السياحة', 'الرياضة'];
const CITIES = ['الرياض', 'القاهرة', 'عمّان', 'الرباط', 'تونس', 'الدوحة', 'مسقط', 'بيروت'];

/** `count` distinct pages, each one article with its own lead, in `dir`. */
export function writeManyPages(dir: string, count: number): Promise<string[]> {
  return writePages(
    dir,
    Array.from({ length: count }, (_, i) => {
      const topic = TOPICS[i % TOPICS.length] as string;
      const city = CITIES[Math.floor(i / TOPICS.length) % CITIES.length] as string;
      return {
        date: '2026-11-20T08:00:00+03:00',
        paragraphs: [
          `أعلنت وزارة ${topic} في ${city} اليوم عن خطة جديدة رقم ${i + 1} لتطوير القطاع خلال الأعوام المقبلة.`,
          `وقال المتحدث باسم الوزارة إن الخطة ${i + 1} تشمل مشروعات في ${city} ومدن أخرى، وتستهدف رفع الكفاءة وتحسين الخدمات.`,
          `وأضاف أن تنفيذ المرحلة الأولى من الخطة ${i + 1} يبدأ الشهر المقبل بمشاركة القطاع الخاص.`,
        ],
      };
    }),
  );
}

/** Chats subscribed two days ago, due now (their time was an hour ago, in UTC), never sent a digest. */
export async function writeDueChats(dataDir: string, ids: number[], now: Date, emulator: TelegramEmulator): Promise<void> {
  const chats = await ChatRepository.open(dataDir);
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const time = hourAgo.toISOString().slice(11, 16);
  const since = new Date(now.getTime() - 2 * 86_400_000).toISOString();
  for (const id of ids) {
    emulator.privateChat(emulator.user(id));
    void chats.update(
      id,
      (r: ChatRecord) => {
        r.subscription = { time, timeZone: 'UTC', topics: [], size: 3, createdAt: since, updatedAt: since };
        r.lastDigestAt = since;
      },
      { type: 'private' },
    );
  }
  await chats.flush();
}

/** Every data file parses and every store opens: what a start after the kill would read. */
export async function assertDataWhole(dataDir: string): Promise<void> {
  const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    // Dot-files are lowdb's temporaries (`.x.json.tmp`, abandoned mid-write by the kill) and the lock.
    if (entry.name.startsWith('.')) continue;
    if (entry.name.endsWith('.json')) JSON.parse(await readFile(path, 'utf8'));
    else if (entry.name.endsWith('.bin')) decodeIndexFile(await readFile(path));
  }
  await ArticleRepository.open(dataDir);
  await ChatRepository.open(dataDir);
  await ConversationStorage.open(dataDir);
}
