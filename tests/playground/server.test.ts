import assert from 'node:assert/strict';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { TelegramEmulator } from '../../src/emulator/emulator.ts';
import type { IngestReport } from '../../src/ingest/ingest.ts';
import { READERS } from '../../src/playground/cast.ts';
import { startPlaygroundServer } from '../../src/playground/server.ts';

const emulator = new TelegramEmulator({ botUsername: 'khulasa_bot' });
const ingested: string[][] = [];
const ingest = async (files: string[]): Promise<IngestReport> => {
  ingested.push(files);
  if (/accepted\.txt$/.test(files[0] ?? '')) return { pages: 1, new: 3, updated: 0, unchanged: 1, rejected: [], changedIds: [] };
  return { pages: 1, new: 0, updated: 0, unchanged: 0, rejected: [{ file: files[0] as string, reason: 'no Arabic text' }], changedIds: [] };
};
const running = await startPlaygroundServer({ emulator, port: 0, botName: 'خلاصة', ingest });
after(() => running.close());
const port = (running.server.address() as AddressInfo).port;

/** A raw HTTP request, so the test chooses the Host and Origin headers itself. */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
const post = (action: string, body: unknown) => raw(`/api/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('playground server', () => {
  it('listens on 127.0.0.1 only', async () => {
    assert.equal((running.server.address() as AddressInfo).address, '127.0.0.1');
    const external = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (!external) return;
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, external.address);
      socket.on('connect', () => (socket.destroy(), resolve(false)));
      socket.on('error', () => resolve(true));
    });
    assert.ok(refused, `nothing answers on ${external.address}:${port}`);
  });

  it('serves the Arabic page, with a policy that runs only its own files', async () => {
    const res = await raw('/');
    assert.equal(res.status, 200);
    assert.match(res.body, /<html lang="ar" dir="rtl">/);
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
    for (const asset of ['/assets/app.js', '/assets/chat.js', '/assets/render.js', '/assets/toast.js', '/assets/upload.js', '/assets/style.css', '/fonts/naskh-400.woff2']) {
      assert.equal((await raw(asset)).status, 200, asset);
    }
  });

  const hosts: [string, number][] = [
    [`127.0.0.1:${port}`, 200],
    [`localhost:${port}`, 200],
    [`[::1]:${port}`, 200],
    [`evil.example:${port}`, 403],
    ['attacker.example', 403],
  ];
  for (const [host, status] of hosts) {
    it(`answers Host ${host} with ${status} (no DNS rebinding)`, async () => {
      assert.equal((await raw('/', { headers: { host } })).status, status);
      assert.equal((await raw('/api/state', { headers: { host } })).status, status);
    });
  }

  it('refuses actions posted from another site', async () => {
    const res = await raw('/api/send', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: JSON.stringify({ userId: READERS[0].id, chatId: READERS[0].id, text: '/start' }) });
    assert.equal(res.status, 403);
    assert.equal(emulator.transcript(READERS[0].id).length, 0);
  });

  it('lets a reader write only in chats they are in', async () => {
    const res = await post('send', { userId: READERS[0].id, chatId: READERS[1].id, text: 'في محادثة غيري' });
    assert.equal(res.status, 400);
    assert.equal(emulator.transcript(READERS[1].id).length, 0);
  });

  it('serves nothing else: no source, no package files, no other paths', async () => {
    for (const path of ['/src/main.ts', '/package.json', '/assets/../package.json', '/%2e%2e/package.json', '/assets/', '/.env', '/api/nothing']) {
      assert.equal((await raw(path)).status, 404, path);
    }
  });

  it('mounts the emulator: the bot reaches the Bot API on the same address', async () => {
    const res = await raw('/bot123456789:token-aaaaaaaaaaaaaaaaaaaa/getMe');
    assert.equal(JSON.parse(res.body).result.username, 'khulasa_bot');
  });

  it('sets up two readers, their private chats and a group they share', async () => {
    const state = JSON.parse((await raw('/api/state')).body);
    assert.deepEqual(state.readers.map((r: { name: string }) => r.name), ['سارة', 'عمر']);
    assert.deepEqual(state.chats.map((c: { type: string }) => c.type), ['private', 'private', 'group']);
    assert.equal(state.chats[2].members.length, 2);
  });

  it('streams a reader\'s message to the page as a server-sent event', async () => {
    const controller = new AbortController();
    const res = await fetch(`${running.url}/api/events`, { signal: controller.signal });
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const sent = await post('send', { userId: READERS[1].id, chatId: READERS[1].id, text: 'مرحبا' });
    assert.equal(sent.status, 200);
    let text = '';
    while (!text.includes('مرحبا')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const event = JSON.parse(/data: (.*)/.exec(text.slice(text.indexOf('"type":"message"') - 8))?.[1] ?? '{}');
    assert.equal(event.message.text, 'مرحبا');
    assert.equal(event.message.from.name, 'عمر');
  });

  it('hands a dropped .txt page to ingestion and says why it was refused, in Arabic', async () => {
    const res = await raw('/api/upload?name=english.txt', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from('English only') });
    assert.deepEqual(JSON.parse(res.body).rejected, [{ file: 'english.txt', reason: 'لا نص عربيًا في الملف' }]);
    assert.match(ingested.at(-1)?.[0] ?? '', /english\.txt$/);
    const notText = await raw('/api/upload?name=photo.png', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([1, 2]) });
    assert.equal(JSON.parse(notText.body).rejected[0].reason, 'ليس ملف نص (.txt)');
    assert.equal(ingested.length, 1, 'a file that is not .txt never reaches ingestion');
    const accepted = await raw('/api/upload?name=accepted.txt', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from('خبر') });
    assert.equal(JSON.parse(accepted.body).summary, '٣ أخبار جديدة، خبر واحد دون تغيير', 'what the page shows, in Arabic counts');
  });

  it('blocks the bot for a reader and resets the chats', async () => {
    await post('block', { userId: READERS[0].id, blocked: true });
    assert.equal(emulator.isBlocked(emulator.user(READERS[0].id)), true);
    await post('block', { userId: READERS[0].id, blocked: false });
    assert.equal(emulator.isBlocked(emulator.user(READERS[0].id)), false);
    await post('reset', {});
    assert.equal(emulator.transcript(READERS[1].id).length, 0);
    assert.equal(emulator.listChats().length, 3, 'the readers and the group come back');
  });
});
