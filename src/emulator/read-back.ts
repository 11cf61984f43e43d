// Reading the emulator back: what tests, benchmarks and the playground look at after the bot
// acted (chats, transcripts, answers, the command menus) and a wait for any of it to change.
import { type BotCommand, type CommandScope, commandListKey } from './command-scopes.ts';
import type { CallbackState, EmulatorState, InlineState } from './state.ts';
import type { StoredMessage, TgChat, TgUser } from './types.ts';

/** A chat as a reader's chat list shows it. */
export interface ChatSummary {
  chat: TgChat;
  members: TgUser[];
  blocked: boolean;
}

/** A message of the bot's that the reader still sees. */
const shownFromBot = (m: StoredMessage) => m.fromBot && !m.deleted;

export class EmulatorReadBack {
  protected readonly state: EmulatorState;

  constructor(state: EmulatorState) {
    this.state = state;
  }

  get events() { return this.state.events; }
  get stats() { return this.state.stats; }
  get failing(): Set<string> { return this.state.failing; }
  get refusing(): Set<string> { return this.state.refusing; }
  get revokedTokens(): Set<string> { return this.state.revokedTokens; }
  get botUsername(): string { return this.state.botUsername; }

  /** Every chat, as readers' chat lists show them. */
  listChats(): ChatSummary[] {
    return [...this.state.chats.values()]
      .filter((c) => c.migratedTo === undefined)
      .map((c) => ({ chat: c.chat, members: [...c.members].flatMap((id) => this.state.users.get(id) ?? []), blocked: c.blocked === 'blocked' }));
  }

  isBlocked(user: TgUser): boolean {
    return this.state.chats.get(user.id)?.blocked === 'blocked';
  }

  inlineAnswer(queryId: string): InlineState['answer'] {
    return this.state.inline.get(queryId)?.answer;
  }

  transcript(chatId: number): StoredMessage[] {
    return this.state.chats.get(chatId)?.messages ?? [];
  }

  botMessages(chatId: number): StoredMessage[] {
    return this.transcript(chatId).filter(shownFromBot);
  }

  /**
   * The bot's messages newer than `messageId`, found from the end of the chat: a driver asking at
   * every change in the emulator does not copy a long chat each time.
   */
  botMessagesAfter(chatId: number, messageId: number): StoredMessage[] {
    const messages = this.transcript(chatId);
    let from = messages.length;
    while (from > 0 && (messages[from - 1] as StoredMessage).message.message_id > messageId) from--;
    return messages.slice(from).filter(shownFromBot);
  }

  callbackAnswer(queryId: string): CallbackState['answer'] | undefined {
    const state = this.state.callbacks.get(queryId);
    return state?.answered ? state.answer : undefined;
  }

  /** The command list the bot set for a scope (default: the one everyone sees), as getMyCommands. */
  commands(scope?: CommandScope, languageCode = ''): BotCommand[] {
    return this.state.commandLists.get(commandListKey(scope, languageCode, (id) => this.state.chats.has(id))) ?? [];
  }

  /** Pending updates the bot has not confirmed yet. */
  get pendingUpdates(): number {
    return this.state.queue.pending;
  }

  /** Resolves with the predicate's value once it is truthy, checking after every change. */
  waitFor<T>(predicate: () => T | undefined | false | null, timeoutMs = 10_000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = predicate();
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`emulator: timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.state.events.off('change', check);
      };
      this.state.events.on('change', check);
      check();
    });
  }
}
