// The playground page: state from /api/state, live changes from /api/events (server-sent events),
// and every action posted to /api/<action> as the chosen reader.
import { bubble } from './chat.js';
import { toast } from './toast.js';
import { wireUploads } from './upload.js';

const $ = (id) => document.getElementById(id);
const ui = {
  reader: $('reader'), chatList: $('chat-list'), title: $('chat-title'), subtitle: $('chat-subtitle'), avatar: $('chat-avatar'),
  block: $('block'), messages: $('messages'), panel: $('panel'), panelList: $('panel-list'), replyBar: $('reply-bar'),
  replyText: $('reply-text'), composer: $('composer'), input: $('input'), menu: $('menu'), blockedBar: $('blocked-bar'),
};
let state;
let readerId;
let chatId;
let replyTo;
let inlineTimer;
let inlineSeq = 0;

async function api(action, body) {
  const res = await fetch(`/api/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await res.json();
  if (!answer.ok) throw new Error(answer.error || res.statusText);
  return answer;
}


const chats = () => state.chats.filter((c) => c.members.some((m) => m.id === readerId));
const currentChat = () => state.chats.find((c) => c.id === chatId);
const chatTitle = (c) => (c.type === 'private' ? state.bot.name : c.title);

function renderChatList() {
  ui.chatList.replaceChildren(...chats().map((c) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'chat-item';
    button.dataset.chat = String(c.id);
    button.setAttribute('aria-current', c.id === chatId ? 'true' : 'false');
    const last = (state.messages[c.id] || []).at(-1);
    const name = document.createElement('strong');
    name.textContent = c.type === 'private' ? `${state.bot.name} (خاصة)` : c.title;
    const preview = document.createElement('span');
    preview.textContent = last ? last.text.split('\n')[0] : '';
    button.append(name, preview);
    button.addEventListener('click', () => openChat(c.id));
    item.append(button);
    return item;
  }));
}

const view = () => ({
  readerId, isGroup: currentChat()?.type !== 'private', botName: state.bot.name, botUsername: state.bot.username,
  onPress: press, onInline: (query) => startInline(query), onReply: setReply, onStart: startWith,
});

/** What t.me/<bot>?start=<payload> does in Telegram: the private chat, then /start <payload>. */
function startWith(payload) {
  openChat(readerId);
  send(`/start ${payload}`);
}

function renderHeader() {
  const chat = currentChat();
  ui.title.textContent = chatTitle(chat);
  ui.avatar.textContent = chatTitle(chat).slice(0, 1);
  ui.subtitle.textContent = chat.type === 'private' ? `بوت · \u2066@${state.bot.username}\u2069` : `${chat.members.length + 1} أعضاء: ${chat.members.map((m) => m.name).join('، ')} و${state.bot.name}`;
  const isPrivate = chat.type === 'private';
  ui.block.hidden = !isPrivate || chat.blocked;
  ui.block.textContent = 'حظر البوت';
  ui.block.setAttribute('aria-label', 'حظر البوت في هذه المحادثة');
  ui.composer.hidden = isPrivate && chat.blocked;
  ui.blockedBar.hidden = !(isPrivate && chat.blocked);
}

function renderMessages() {
  const v = view();
  ui.messages.replaceChildren(...(state.messages[chatId] || []).map((m) => bubble(m, v)));
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

function render() {
  if (!chats().some((c) => c.id === chatId)) chatId = chats()[0]?.id;
  renderChatList();
  if (chatId === undefined) return;
  renderHeader();
  renderMessages();
}

function openChat(id) {
  chatId = id;
  setReply(undefined);
  closePanel();
  render();
  ui.input.focus();
}

/** Live events lately received: a state fetched while they arrived may predate some of them. */
const recent = [];
const RECENT_EVENTS = 500;

async function load() {
  state = await (await fetch('/api/state')).json();
  for (const event of recent) if (event.seq > state.seq && event.type !== 'chats' && event.type !== 'commands') apply(event);
  if (readerId === undefined) readerId = state.readers[0].id;
  ui.reader.replaceChildren(...state.readers.map((r) => new Option(r.name, String(r.id), false, r.id === readerId)));
  render();
}

// ───────────── live updates ─────────────

let reloadTimer;
function onEvent(event) {
  recent.push(event);
  if (recent.length > RECENT_EVENTS) recent.shift();
  if (event.type === 'chats' || event.type === 'commands') {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(load, 50);
    return;
  }
  if (state && event.seq > state.seq) apply(event);
}

function apply(event) {
  if (event.type === 'delete') {
    state.messages[event.chatId] = (state.messages[event.chatId] || []).filter((m) => m.id !== event.messageId);
    if (event.chatId === chatId) ui.messages.querySelector(`[data-id="${event.messageId}"]`)?.remove();
    renderChatList();
    return;
  }
  const m = event.message;
  const list = (state.messages[m.chatId] ||= []);
  const at = list.findIndex((x) => x.id === m.id);
  if (at >= 0) list[at] = m;
  else list.push(m);
  if (m.chatId === chatId) {
    const node = bubble(m, view());
    const old = ui.messages.querySelector(`[data-id="${m.id}"]`);
    if (old) old.replaceWith(node);
    else {
      ui.messages.append(node);
      ui.messages.scrollTop = ui.messages.scrollHeight;
    }
    if (event.type === 'message' && m.forceReply && m.from.isBot) {
      setReply(m);
      ui.input.focus();
    }
  }
  renderChatList();
}

function connect() {
  const source = new EventSource('/api/events');
  source.onmessage = (e) => onEvent(JSON.parse(e.data));
  source.onopen = () => load();
}

// ───────────── composing ─────────────

function setReply(message) {
  replyTo = message?.id;
  ui.replyBar.hidden = !message;
  ui.replyText.textContent = message ? `رد على ${message.from.isBot ? state.bot.name : message.from.name}: ${message.text.slice(0, 60)}` : '';
  if (message) ui.input.focus();
}

async function send(text) {
  if (!text.trim()) return;
  const body = { userId: readerId, chatId, text, ...(replyTo ? { replyTo } : {}) };
  ui.input.value = '';
  setReply(undefined);
  closePanel();
  try {
    await api('send', body);
  } catch (error) {
    toast(`تعذّر الإرسال: ${error.message}`, true);
  }
}

async function press(message, button, key) {
  key.setAttribute('aria-busy', 'true');
  try {
    const { answer } = await api('press', { userId: readerId, chatId: message.chatId, messageId: message.id, data: button.data });
    if (answer?.text) toast(answer.text, Boolean(answer.show_alert));
  } catch (error) {
    toast(`تعذّر الضغط على الزر: ${error.message}`, true);
  } finally {
    key.removeAttribute('aria-busy');
  }
}

function closePanel() {
  ui.panel.hidden = true;
  ui.menu.setAttribute('aria-expanded', 'false');
}

function showPanel(label, items) {
  ui.panelList.setAttribute('aria-label', label);
  ui.panelList.replaceChildren(...items.map(({ title, detail, choose }) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.setAttribute('role', 'option');
    const t = document.createElement('strong');
    t.textContent = title;
    const d = document.createElement('span');
    d.textContent = detail;
    b.append(t, d);
    b.addEventListener('click', choose);
    li.append(b);
    return li;
  }));
  ui.panel.hidden = items.length === 0;
}

function showCommands(filter = '') {
  const items = state.commands.filter((c) => c.command.startsWith(filter)).map((c) => ({ title: `/${c.command}`, detail: c.description, choose: () => send(`/${c.command}`) }));
  showPanel('أوامر البوت', items);
  ui.menu.setAttribute('aria-expanded', String(!ui.panel.hidden));
}

function startInline(query) {
  ui.input.value = `@${state.bot.username} ${query}`;
  ui.input.focus();
  onInput();
}

async function inlineQuery(query) {
  const seq = ++inlineSeq;
  const { queryId, results } = await api('inline', { userId: readerId, chatId, query });
  if (seq !== inlineSeq) return;
  const items = results.map((r) => ({
    title: r.title, detail: r.description,
    choose: async () => {
      ui.input.value = '';
      closePanel();
      await api('choose', { userId: readerId, chatId, queryId, resultId: r.id }).catch((e) => toast(e.message, true));
    },
  }));
  if (items.length === 0) items.push({ title: 'لا نتائج', detail: 'جرّب كلمات أخرى', choose: () => ui.input.focus() });
  showPanel('نتائج البحث المضمّن', items);
}

function onInput() {
  const text = ui.input.value;
  const inline = new RegExp(`^@${state.bot.username}(?:\\s+([\\s\\S]*))?$`, 'i').exec(text);
  clearTimeout(inlineTimer);
  if (inline && (inline[1] !== undefined || text.endsWith(' '))) {
    inlineTimer = setTimeout(() => inlineQuery((inline[1] || '').trim()).catch((e) => toast(e.message, true)), 250);
  } else if (/^\/\w*$/.test(text)) showCommands(text.slice(1));
  else closePanel();
}

// ───────────── wiring ─────────────

ui.composer.addEventListener('submit', (e) => {
  e.preventDefault();
  send(ui.input.value);
});
ui.input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    if (!/^@\w+/.test(ui.input.value) || ui.panel.hidden) send(ui.input.value);
  } else if (e.key === 'Escape') closePanel();
});
ui.input.addEventListener('input', onInput);
ui.menu.addEventListener('click', () => (ui.panel.hidden ? showCommands() : closePanel()));
$('reply-cancel').addEventListener('click', () => setReply(undefined));
ui.reader.addEventListener('change', () => {
  readerId = Number(ui.reader.value);
  render();
});
ui.block.addEventListener('click', () => api('block', { userId: readerId, blocked: true }).catch((e) => toast(e.message, true)));
$('unblock').addEventListener('click', () => api('block', { userId: readerId, blocked: false }).catch((e) => toast(e.message, true)));
$('reset').addEventListener('click', () => {
  const question = state.resetsData
    ? 'إعادة ضبط الملعب؟ تُمحى الرسائل والأخبار والاشتراكات، ويبدأ البوت من جديد ببيانات جديدة.'
    : 'إعادة ضبط المحادثات؟ تُمحى الرسائل على هذه الصفحة، وتبقى الأخبار المخزّنة.';
  if (window.confirm(question)) api('reset', {}).catch((e) => toast(e.message, true));
});
wireUploads();

connect();
