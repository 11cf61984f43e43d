// Typed, versioned callback data: ids and offsets only (never titles), at most 64 bytes.
// A button from an older version or a forged one unpacks to null and gets a polite notice.

/** Bumped when the format changes: old buttons then read as stale instead of misbehaving. */
export const CALLBACK_VERSION = '1';
/** Bytes: Telegram refuses longer callback_data (BUTTON_DATA_INVALID). */
export const MAX_CALLBACK_BYTES = 64;

export type Action =
  | { type: 'open'; id: string }
  | { type: 'full'; id: string }
  | { type: 'related'; id: string }
  | { type: 'findHeadline'; id: string }
  | { type: 'latest'; offset: number }
  | { type: 'search'; key: string; offset: number }
  | { type: 'noop' }
  /** An answer chosen with a button during the subscription conversation. */
  | { type: 'pick'; field: SubscriptionField; value: string }
  /** /settings: change one part of the subscription. */
  | { type: 'settings'; field: SubscriptionField };

export const SUBSCRIPTION_FIELDS = ['time', 'zone', 'topics', 'size'] as const;
export type SubscriptionField = (typeof SUBSCRIPTION_FIELDS)[number];
const FIELD_CODES: Record<SubscriptionField, string> = { time: 't', zone: 'z', topics: 'k', size: 's' };
const fieldOf = (code: string | undefined) => SUBSCRIPTION_FIELDS.find((f) => FIELD_CODES[f] === code);
const PICK_VALUE = /^[A-Za-z0-9_/+-]{1,32}$/;

const ID = /^[A-Za-z0-9_-]{1,12}$/;
const KEY = /^[A-Za-z0-9_-]{1,16}$/;
const OFFSET = /^(0|[1-9]\d{0,5})$/;
const CODES = { open: 'o', full: 'f', related: 'r', findHeadline: 'h', latest: 'l', search: 's', noop: 'n', pick: 'p', settings: 'e' } as const;

export function pack(action: Action): string {
  const code = CODES[action.type];
  let data: string;
  switch (action.type) {
    case 'latest':
      data = `${CALLBACK_VERSION}:${code}:${action.offset}`;
      break;
    case 'search':
      data = `${CALLBACK_VERSION}:${code}:${action.key}:${action.offset}`;
      break;
    case 'noop':
      data = `${CALLBACK_VERSION}:${code}`;
      break;
    case 'pick':
      data = `${CALLBACK_VERSION}:${code}:${FIELD_CODES[action.field]}:${action.value}`;
      break;
    case 'settings':
      data = `${CALLBACK_VERSION}:${code}:${FIELD_CODES[action.field]}`;
      break;
    default:
      data = `${CALLBACK_VERSION}:${code}:${action.id}`;
  }
  const bytes = Buffer.byteLength(data, 'utf8');
  if (bytes > MAX_CALLBACK_BYTES) throw new RangeError(`callback data is ${bytes} bytes, over Telegram's ${MAX_CALLBACK_BYTES}: ${data}`);
  return data;
}

/** The action a button carries, or null when it is from another version, malformed or forged. */
export function unpack(data: string | undefined): Action | null {
  if (!data || Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) return null;
  const [version, code, a, b, ...rest] = data.split(':');
  if (version !== CALLBACK_VERSION || rest.length > 0) return null;
  switch (code) {
    case 'o':
    case 'f':
    case 'r':
    case 'h': {
      if (!a || !ID.test(a) || b !== undefined) return null;
      const type = ({ o: 'open', f: 'full', r: 'related', h: 'findHeadline' } as const)[code];
      return { type, id: a };
    }
    case 'l':
      return a && OFFSET.test(a) && b === undefined ? { type: 'latest', offset: Number(a) } : null;
    case 's':
      return a && KEY.test(a) && b && OFFSET.test(b) ? { type: 'search', key: a, offset: Number(b) } : null;
    case 'n':
      return a === undefined ? { type: 'noop' } : null;
    case 'p': {
      const field = fieldOf(a);
      return field && b && PICK_VALUE.test(b) ? { type: 'pick', field, value: b } : null;
    }
    case 'e': {
      const field = fieldOf(a);
      return field && b === undefined ? { type: 'settings', field } : null;
    }
    default:
      return null;
  }
}
