// Telegram telling the bot about its place in a chat: blocked or removed deactivates the chat's
// subscription (with the reason), welcomed back restores it, a group upgraded to a supergroup
// moves it to the new id.
import { Composer } from 'grammy';
import type { BotContext, BotDeps } from '../context.ts';

export function membershipFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('my_chat_member', async (ctx) => {
    const { status } = ctx.myChatMember.new_chat_member;
    const chatId = ctx.chat.id;
    const now = new Date().toISOString();
    if (status === 'kicked' || status === 'left') {
      if (deps.chats.get(chatId)?.subscription) {
        await deps.chats.deactivate(chatId, ctx.chat.type === 'private' ? 'blocked' : 'kicked', now);
        deps.logger.info({ chatId, status }, 'bot removed from chat; subscription deactivated');
      }
      return;
    }
    const reason = deps.chats.get(chatId)?.inactive?.reason;
    if (reason === 'blocked' || reason === 'kicked') {
      await deps.chats.update(chatId, (r) => {
        delete r.inactive;
      });
      deps.logger.info({ chatId, status }, 'bot welcomed back; subscription restored');
    }
  });
  composer.on('message:migrate_to_chat_id', async (ctx) => {
    await deps.chats.migrate(ctx.chat.id, ctx.message.migrate_to_chat_id);
  });
  return composer;
}
