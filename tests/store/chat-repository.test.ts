import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ChatRepository, CHATS_FILE } from '../../src/store/chat-repository.ts';
import { tempDir } from '../helpers/tmp.ts';

// What every ChatStore does is in contract/chats.contract.ts; here, what only the lowdb file does.
describe('ChatRepository', () => {
  it('refuses a corrupt chats file and leaves it untouched', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, CHATS_FILE), '{"version":1,"chats":');
    await assert.rejects(ChatRepository.open(dir), /chats\.json.*untouched/);
    assert.equal(await readFile(join(dir, CHATS_FILE), 'utf8'), '{"version":1,"chats":');
  });
});
