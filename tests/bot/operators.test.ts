import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BotContext } from '../../src/bot/context.ts';
import { isOperator } from '../../src/bot/operators.ts';

const ctxOf = (chatType: string, fromId?: number) =>
  ({ chat: { id: 1, type: chatType }, from: fromId === undefined ? undefined : { id: fromId } }) as unknown as BotContext;

describe('isOperator', () => {
  const cases: [string, BotContext, boolean][] = [
    ['a listed user in a private chat', ctxOf('private', 42), true],
    ['a listed user in a group', ctxOf('supergroup', 42), false],
    ['an unlisted user in a private chat', ctxOf('private', 7), false],
    ['an update without a sender', ctxOf('private'), false],
  ];
  for (const [name, ctx, expected] of cases) {
    it(`${expected ? 'admits' : 'refuses'} ${name}`, () => assert.equal(isOperator(ctx, [42, 99]), expected));
  }
  it('refuses everyone when ADMIN_IDS is empty', () => assert.equal(isOperator(ctxOf('private', 42), []), false));
});
