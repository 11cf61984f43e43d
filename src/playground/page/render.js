// Telegram's formatting entities → DOM nodes. Message text only ever becomes text nodes; the
// entities decide which few elements wrap it, so nothing a bot sends is parsed as HTML.

const TAGS = {
  bold: 'b', italic: 'i', underline: 'u', strikethrough: 's', code: 'code', pre: 'pre',
  blockquote: 'blockquote', expandable_blockquote: 'blockquote', spoiler: 'span', text_link: 'a',
};

/** Only web links open: anything else (javascript:, data:) stays plain text. */
export function safeUrl(url) {
  return typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;
}

function elementFor(doc, entity) {
  const tag = TAGS[entity.type];
  if (!tag) return doc.createElement('span');
  if (tag === 'a') {
    const href = safeUrl(entity.url);
    if (!href) return doc.createElement('span');
    const a = doc.createElement('a');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }
  const el = doc.createElement(tag);
  if (entity.type === 'spoiler') {
    el.className = 'spoiler';
    el.tabIndex = 0;
    el.setAttribute('role', 'button');
    el.setAttribute('aria-label', 'نص مخفي: اضغط لإظهاره');
    const reveal = () => el.classList.add('shown');
    el.addEventListener('click', reveal);
    el.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && reveal());
  }
  return el;
}

function build(doc, parent, text, start, end, entities) {
  let pos = start;
  let i = 0;
  while (i < entities.length) {
    const entity = entities[i];
    const from = Math.max(entity.offset, pos);
    const to = Math.min(entity.offset + entity.length, end);
    let j = i + 1;
    while (j < entities.length && entities[j].offset < to) j++;
    if (from > pos) parent.append(doc.createTextNode(text.slice(pos, from)));
    if (to > from) {
      const el = elementFor(doc, entity);
      build(doc, el, text, from, to, entities.slice(i + 1, j));
      parent.append(el);
      pos = to;
    }
    i = j;
  }
  if (end > pos) parent.append(doc.createTextNode(text.slice(pos, end)));
}

/** A fragment for `text` with its entities (offsets in UTF-16 code units, as JavaScript counts). */
export function renderText(doc, text, entities = []) {
  const fragment = doc.createDocumentFragment();
  const sorted = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
  build(doc, fragment, text, 0, text.length, sorted);
  return fragment;
}
