import { describe } from 'node:test';
import { ConversationStorage } from '../../../src/store/conversation-storage.ts';
import { PgConversationStore } from '../../../src/store/pg/conversation-store.ts';
import { pgSkip } from '../../helpers/pg.ts';
import { lowdbBackend, pgBackend } from './backends.ts';
import { conversationStoreContract } from './conversations.contract.ts';

describe('ConversationStore contract (lowdb)', () => conversationStoreContract(lowdbBackend((dir, options) => ConversationStorage.open<unknown>(dir, options))));
describe('ConversationStore contract (PostgreSQL)', { skip: pgSkip }, () => conversationStoreContract(pgBackend((pool, options) => PgConversationStore.open<unknown>(pool, options))));
