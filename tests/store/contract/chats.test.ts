import { describe } from 'node:test';
import { ChatRepository } from '../../../src/store/chat-repository.ts';
import { PgChatStore } from '../../../src/store/pg/chat-store.ts';
import { pgSkip } from '../../helpers/pg.ts';
import { lowdbBackend, pgBackend, testLogger } from './backends.ts';
import { chatStoreContract } from './chats.contract.ts';

describe('ChatStore contract (lowdb)', () => chatStoreContract(lowdbBackend((dir) => ChatRepository.open(dir))));
describe('ChatStore contract (PostgreSQL)', { skip: pgSkip }, () => chatStoreContract(pgBackend((pool) => PgChatStore.open(pool, testLogger))));
