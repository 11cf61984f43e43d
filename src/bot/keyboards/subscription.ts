// Buttons of the subscription conversation and of /settings. Pure.
import { InlineKeyboard } from 'grammy';
import { DIGEST_SIZES } from '../../domain.ts';
import { pack } from '../../callback-data.ts';
import { messages, TIMES, ZONES } from '../messages.ts';
import { arabicDigits } from '../../render-html.ts';

const PER_ROW = 4;

export function timeKeyboard(): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  TIMES.forEach((time, i) => {
    if (i > 0 && i % PER_ROW === 0) keyboard.row();
    keyboard.text(arabicDigits(time), pack({ type: 'pick', field: 'time', value: time.replace(':', '') }));
  });
  return keyboard;
}

export function zoneKeyboard(defaultZone: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  // The operator's default first, then the list.
  const zones = [...ZONES].sort((a, b) => Number(b.zone === defaultZone) - Number(a.zone === defaultZone));
  zones.forEach((z, i) => {
    if (i > 0 && i % 3 === 0) keyboard.row();
    keyboard.text(z.label, pack({ type: 'pick', field: 'zone', value: z.zone }));
  });
  return keyboard;
}

export function topicsKeyboard(): InlineKeyboard {
  return new InlineKeyboard().text(messages.subscription.allNews, pack({ type: 'pick', field: 'topics', value: 'all' }));
}

export function sizeKeyboard(): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const n of DIGEST_SIZES) keyboard.text(arabicDigits(n), pack({ type: 'pick', field: 'size', value: String(n) }));
  return keyboard;
}

export function settingsKeyboard(): InlineKeyboard {
  const b = messages.subscription.buttons;
  return new InlineKeyboard()
    .text(b.time, pack({ type: 'settings', field: 'time' }))
    .text(b.zone, pack({ type: 'settings', field: 'zone' }))
    .row()
    .text(b.topics, pack({ type: 'settings', field: 'topics' }))
    .text(b.size, pack({ type: 'settings', field: 'size' }));
}
