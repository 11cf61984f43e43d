import { describe } from 'node:test';
import { FeedListRepository } from '../../../src/store/feed-list.ts';
import { PgFeedListStore } from '../../../src/store/pg/feed-stores.ts';
import { pgSkip } from '../../helpers/pg.ts';
import { lowdbBackend, pgBackend, testLogger } from './backends.ts';
import { feedListContract } from './feed-list.contract.ts';

describe('FeedListStore contract (lowdb)', () => feedListContract(lowdbBackend((dir) => FeedListRepository.open(dir))));
describe('FeedListStore contract (PostgreSQL)', { skip: pgSkip }, () => feedListContract(pgBackend((pool) => PgFeedListStore.open(pool, testLogger))));
