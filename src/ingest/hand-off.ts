// Pages for a data folder that a running bot holds: copied into the bot's seeds folder, which it
// watches, so the bot ingests them itself and no second writer touches its store.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import { basename, extname, join, relative, resolve } from 'node:path';

export interface HandOff {
  /** Where each copied page now lives. */
  copied: string[];
  /** Pages already in the seeds folder (the bot has them, or picks them up on its next scan). */
  present: string[];
}

const isInside = (dir: string, file: string) => {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith('/');
};

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);

/**
 * Copies each page into `seedsDir` under its own name; a different page of the same name gets
 * its content hash added, so nothing there is overwritten. Each copy lands under a temporary
 * name first (not a page name), then is renamed: the watcher never reads half a page.
 */
export async function handToSeedsDir(files: string[], seedsDir: string): Promise<HandOff> {
  const result: HandOff = { copied: [], present: [] };
  await mkdir(seedsDir, { recursive: true });
  for (const file of files) {
    if (isInside(resolve(seedsDir), resolve(file))) {
      result.present.push(file);
      continue;
    }
    const bytes = await readFile(file);
    const name = basename(file);
    let target = join(seedsDir, name);
    const existing = await readFile(target).catch(() => null);
    if (existing?.equals(bytes)) {
      result.present.push(target);
      continue;
    }
    if (existing) target = join(seedsDir, `${basename(name, extname(name))}.${digest(bytes)}${extname(name)}`);
    const partial = `${target}.part`;
    await copyFile(file, partial);
    await rename(partial, target);
    result.copied.push(target);
  }
  return result;
}
