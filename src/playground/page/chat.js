// One message as a bubble: sender, quoted reply, formatted text, time, and its inline keyboard.
import { renderText, safeUrl } from './render.js';

// Arabic-Indic digits, as the bot writes its own dates and numbers.
const timeFormat = new Intl.DateTimeFormat('ar-u-nu-arab', { hour: 'numeric', minute: '2-digit' });

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * @param message  the server's MessageView
 * @param view     { readerId, isGroup, botName, botUsername, onPress(message, button, key), onInline(query), onReply(message), onStart(payload) }
 */
export function bubble(message, view) {
  const own = message.from.id === view.readerId;
  const node = el('article', `msg ${own ? 'out' : 'in'}${message.from.isBot ? ' bot' : ''}`);
  node.dataset.id = String(message.id);
  node.tabIndex = -1;
  if (!own && (message.from.isBot || view.isGroup)) node.append(el('div', 'sender', message.from.isBot ? view.botName : message.from.name));
  if (message.replyTo) {
    const quote = el('div', 'quote');
    quote.append(el('strong', '', message.replyTo.name), el('span', '', message.replyTo.text));
    node.append(quote);
  }
  const body = el('div', 'text');
  body.dir = 'auto';
  body.append(renderText(document, message.text, message.entities));
  node.append(body);

  const meta = el('div', 'meta');
  if (message.viaBot) meta.append(el('span', 'via', `عبر \u2066@${message.viaBot}\u2069`));
  if (message.edited) meta.append(el('span', 'edited', 'معدّلة'));
  const time = el('time', '', timeFormat.format(new Date(message.date * 1000)));
  time.dateTime = new Date(message.date * 1000).toISOString();
  meta.append(time);
  const reply = el('button', 'reply', '↩');
  reply.type = 'button';
  reply.setAttribute('aria-label', 'الرد على هذه الرسالة');
  reply.addEventListener('click', () => view.onReply(message));
  meta.append(reply);
  node.append(meta);

  if (message.buttons.length) node.append(keyboard(message, view));
  return node;
}

function keyboard(message, view) {
  const board = el('div', 'keyboard');
  board.setAttribute('role', 'group');
  board.setAttribute('aria-label', 'أزرار الرسالة');
  for (const row of message.buttons) {
    const line = el('div', 'row');
    for (const button of row) line.append(keyButton(message, button, view));
    board.append(line);
  }
  return board;
}

function keyButton(message, button, view) {
  // A deep link into this bot (t.me/<bot>?start=…) opens the private chat here, as Telegram's app would.
  const deepLink = button.kind === 'url' ? new RegExp(`^https://t\\.me/${view.botUsername}\\?start=([\\w-]{1,64})$`, 'i').exec(button.url) : null;
  if (deepLink) {
    const key = el('button', 'key', button.text);
    key.type = 'button';
    key.addEventListener('click', () => view.onStart(deepLink[1]));
    return key;
  }
  if (button.kind === 'url') {
    const href = safeUrl(button.url);
    const link = el(href ? 'a' : 'span', 'key link', `${button.text} ↗`);
    if (href) {
      link.href = href;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
    }
    return link;
  }
  const key = el('button', 'key', button.text);
  key.type = 'button';
  key.addEventListener('click', () => (button.kind === 'inline' ? view.onInline(button.query) : view.onPress(message, button, key)));
  return key;
}
