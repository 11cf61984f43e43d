import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Actions } from '../../src/bot/actions.ts';

describe('Actions', () => {
  it('refuses a second handler for one button action: one of them would never run', () => {
    const actions = new Actions();
    actions.on('open', async () => undefined);
    assert.throws(() => actions.on('open', async () => undefined), /two handlers for the button action "open"/);
    actions.on('full', async () => undefined);
  });
});
