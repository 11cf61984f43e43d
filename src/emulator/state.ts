// Everything the emulator remembers, shared by the Bot API side and the readers' side.
import { EventEmitter } from 'node:events';
import type { BotCommand } from './command-scopes.ts';
import { type FloodLimits, FloodGate } from './flood.ts';
import { UpdateQueue } from './update-queue.ts';
import { ApiError, type ChatEvent, type StoredMessage, type TgChat, type TgUser } from './types.ts';

export interface ChatState {
  chat: TgChat;
  messages: StoredMessage[];
  nextMessageId: number;
  blocked?: 'blocked' | 'deactivated';
  kicked?: boolean;
  migratedTo?: number;
  admins: Set<number>;
  /** Readers in the chat besides the bot (the private chat's one reader, a group's members). */
  members: Set<number>;
}

export interface CallbackState {
  id: string;
  answer?: { text?: string; show_alert?: boolean };
  answered: boolean;
}

export interface InlineState {
  id: string;
  from: TgUser;
  answer?: { results: Record<string, unknown>[]; next_offset?: string; cache_time?: number };
}

export interface EmulatorStats {
  calls: Record<string, number>;
  tooManyRequests: number;
  delivered: number;
}

export const now = () => Math.floor(Date.now() / 1000);

export class EmulatorState {
  readonly events = new EventEmitter();
  readonly stats: EmulatorStats = { calls: {}, tooManyRequests: 0, delivered: 0 };
  readonly chats = new Map<number, ChatState>();
  readonly users = new Map<number, TgUser>();
  readonly callbacks = new Map<string, CallbackState>();
  readonly inline = new Map<string, InlineState>();
  readonly inlineMessages = new Map<string, { chatId: number; messageId: number }>();
  readonly queue = new UpdateQueue(this.events);
  /** The bot's command lists, by scope and language (see command-scopes.ts). */
  readonly commandLists = new Map<string, BotCommand[]>();
  /** Methods made to fail with 500, to test what a bot does when Telegram has a bad moment. */
  readonly failing = new Set<string>();
  /** Methods made to fail with 400, as Telegram refuses a call it will never accept. */
  readonly refusing = new Set<string>();
  /** Tokens answered with 401, as Telegram answers a token revoked in @BotFather. */
  readonly revokedTokens = new Set<string>();
  flood: FloodGate | undefined;
  /** Chats under a long flood ban (Telegram sometimes answers minutes): chat id → until (ms). */
  readonly bans = new Map<number, number>();
  latencyMs: number;
  readonly botUsername: string;

  constructor(botUsername: string, latencyMs: number) {
    this.botUsername = botUsername;
    this.latencyMs = latencyMs;
    this.events.setMaxListeners(0);
  }

  setFloodLimits(limits: FloodLimits | undefined): void {
    this.flood = limits ? new FloodGate(limits) : undefined;
  }

  /** The bot a token names: any well-formed token is a bot whose id is the token's number. */
  botUser(token: string): TgUser {
    const m = /^(\d+):[A-Za-z0-9_-]+$/.exec(token);
    if (!m || this.revokedTokens.has(token)) throw new ApiError(401, 'Unauthorized');
    return { id: Number(m[1]), is_bot: true, first_name: 'خلاصة', username: this.botUsername };
  }

  /** Tells listeners what a reader's screen would show differently now. */
  notify(event: ChatEvent): void {
    this.events.emit('chat', event);
    this.events.emit('change');
  }
}
