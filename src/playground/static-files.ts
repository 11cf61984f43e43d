// The page and its assets: a fixed list, read from disk once, nothing else on the file system
// reachable. The Arabic font comes from its npm package, served from here like everything else.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

export interface Asset {
  body: Buffer;
  type: string;
}

const PAGE_DIR = new URL('./page/', import.meta.url);
const require = createRequire(import.meta.url);
const font = (weight: number) => require.resolve(`@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-${weight}-normal.woff2`);

/** URL path → file and its media type. */
const ASSETS: Record<string, [string | URL, string]> = {
  '/': [new URL('index.html', PAGE_DIR), 'text/html; charset=utf-8'],
  '/assets/style.css': [new URL('style.css', PAGE_DIR), 'text/css; charset=utf-8'],
  '/assets/app.js': [new URL('app.js', PAGE_DIR), 'text/javascript; charset=utf-8'],
  '/assets/render.js': [new URL('render.js', PAGE_DIR), 'text/javascript; charset=utf-8'],
  '/assets/chat.js': [new URL('chat.js', PAGE_DIR), 'text/javascript; charset=utf-8'],
  '/assets/toast.js': [new URL('toast.js', PAGE_DIR), 'text/javascript; charset=utf-8'],
  '/assets/upload.js': [new URL('upload.js', PAGE_DIR), 'text/javascript; charset=utf-8'],
  '/assets/icon.svg': [new URL('icon.svg', PAGE_DIR), 'image/svg+xml'],
  '/fonts/naskh-400.woff2': [font(400), 'font/woff2'],
  '/fonts/naskh-700.woff2': [font(700), 'font/woff2'],
};

export async function loadAssets(): Promise<Map<string, Asset>> {
  const entries = await Promise.all(Object.entries(ASSETS).map(async ([path, [file, type]]) => [path, { body: await readFile(file), type }] as const));
  return new Map(entries);
}
