// The command menus: the readers' list for everyone, and in each operator's private chat the same
// list with the operators' commands, so that nobody else is shown commands that do not answer them.
import type { Api } from 'grammy';
import type { Logger } from '../logger.ts';
import { COMMANDS, OPERATOR_COMMANDS } from './messages.ts';

type Signal = Parameters<Api['setMyCommands']>[2];

/**
 * Sets the menus in the background: a bot without them still works. Telegram refuses a chat scope
 * for an operator who has never opened a private chat with the bot ("chat not found"): that
 * operator gets the menu at the next start; the commands answer them meanwhile.
 */
export function setCommandMenus(api: Api, operatorIds: readonly number[], signal: AbortSignal, logger: Logger): void {
  const warn = (operator?: number) => (error: unknown) => {
    if (!signal.aborted) logger.warn({ err: error, ...(operator ? { operator } : {}) }, 'setMyCommands failed; the command menu may be out of date');
  };
  api.setMyCommands([...COMMANDS], {}, signal as Signal).catch(warn());
  for (const id of operatorIds) {
    // A private chat's id is its user's id.
    api.setMyCommands([...COMMANDS, ...OPERATOR_COMMANDS], { scope: { type: 'chat', chat_id: id } }, signal as Signal).catch(warn(id));
  }
}
