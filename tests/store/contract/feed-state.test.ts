import { describe } from 'node:test';
import { FeedStateRepository } from '../../../src/store/feed-state.ts';
import { PgFeedStateStore } from '../../../src/store/pg/feed-stores.ts';
import { pgSkip } from '../../helpers/pg.ts';
import { lowdbBackend, pgBackend, testLogger } from './backends.ts';
import { feedStateContract } from './feed-state.contract.ts';

describe('FeedStateStore contract (lowdb)', () => feedStateContract(lowdbBackend((dir) => FeedStateRepository.open(dir))));
describe('FeedStateStore contract (PostgreSQL)', { skip: pgSkip }, () => feedStateContract(pgBackend((pool) => PgFeedStateStore.open(pool, testLogger))));
