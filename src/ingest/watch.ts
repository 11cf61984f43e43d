// Picks up pages added to (or changed in) the seeds folder while the bot runs, without a restart.
import { watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Logger } from '../logger.ts';
import { listPageFiles } from './ingest.ts';

/** Milliseconds: a file being copied in fires many events; wait for quiet before reading it. */
const SETTLE_MS = 500;
/** Milliseconds: a full rescan catches what file events miss (network mounts, editors' renames). */
const RESCAN_MS = 60_000;

export interface FolderWatcher {
  close(): void;
}

/**
 * Calls `onChange` with the page files that appeared or changed since the last call. Uses file
 * events for speed and a periodic rescan of modification times for certainty.
 */
export async function watchFolder(
  dir: string,
  onChange: (files: string[]) => Promise<void>,
  logger: Logger,
): Promise<FolderWatcher> {
  const seen = new Map<string, number>();
  const scan = async () => {
    // The same files start-up ingests: in sub-folders too, ".txt" in any letter case.
    const paths = await listPageFiles([dir]).catch(() => [] as string[]);
    const changed: string[] = [];
    for (const path of paths) {
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      if (seen.get(path) !== info.mtimeMs) changed.push(path);
      seen.set(path, info.mtimeMs);
    }
    return changed;
  };
  await scan(); // What is there now was ingested at start.

  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const trigger = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        const files = await scan();
        if (files.length > 0) await onChange(files);
      }).catch((error: unknown) => logger.error({ err: error, dir }, 'seed folder rescan failed'));
    }, SETTLE_MS);
  };
  let watcher: ReturnType<typeof watch> | undefined;
  try {
    watcher = watch(dir, { recursive: true }, trigger);
    watcher.on('error', (error) => logger.warn({ err: error, dir }, 'seed folder watch failed; periodic rescans continue'));
  } catch (error) {
    logger.warn({ err: error, dir }, 'cannot watch the seed folder; periodic rescans only');
  }
  const interval = setInterval(trigger, RESCAN_MS);
  interval.unref();
  return {
    close() {
      watcher?.close();
      clearInterval(interval);
      clearTimeout(timer);
    },
  };
}
