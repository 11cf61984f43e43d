// node --import tsx tests/bench/playground.ts
// `npm start` without a token, timed as a new user meets it: from the command to a page that answers
// /latest, and the bytes the page's first load transfers. Needs /usr/bin/chromium.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// The page's globals, inside functions that run in the browser.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const ROOT = new URL('../../', import.meta.url).pathname;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
const dataDir = await mkdtemp(join(tmpdir(), 'khulasa-bench-playground-'));
const started = performance.now();
const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: ROOT,
  env: { ...process.env, BOT_TOKEN: '', PLAYGROUND_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
});
let out = '';
child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
const url = await new Promise<string>((resolve) => {
  const check = () => {
    const m = /Open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
    if (m) resolve(m[1] as string);
    else setTimeout(check, 5);
  };
  check();
});
const bannerMs = performance.now() - started;
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
let bytes = 0;
const client = await page.context().newCDPSession(page);
await client.send('Network.enable');
client.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
await page.goto(url);
await page.locator('#chat-list button').first().waitFor();
const pageMs = performance.now() - started;
await page.evaluate(() => document.fonts.ready.then(() => undefined));
const firstLoadBytes = bytes;
await page.waitForFunction(() => fetch('/api/state').then((r) => r.json() as Promise<{ commands: unknown[] }>).then((s) => s.commands.length > 0));
await page.locator('#input').fill('/latest');
await page.locator('#input').press('Enter');
await page.locator('#messages .msg.bot').first().waitFor({ timeout: 60_000 });
const answeredMs = performance.now() - started;
console.log(`playground: banner (server listening) ${bannerMs.toFixed(0)} ms after the command`);
console.log(`playground: page drawn in Chromium ${pageMs.toFixed(0)} ms after the command`);
console.log(`playground: first bot answer (/latest) on the page ${answeredMs.toFixed(0)} ms after the command`);
console.log(`playground: first load transferred ${firstLoadBytes} bytes (${(firstLoadBytes / 1024).toFixed(1)} KiB, fonts included)`);
child.kill('SIGTERM');
await new Promise((r) => child.on('close', r));
await browser.close();
await rm(dataDir, { recursive: true, force: true });
