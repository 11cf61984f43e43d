// Ingesting seed pages with a report to the log and the telemetry: at start, when the watcher sees
// new files, and when an operator asks for a rescan (/reload).
import { listPageFiles } from '../ingest/ingest.ts';
import type { Library } from '../library.ts';
import type { Logger } from '../logger.ts';
import type { IngestCounts, Telemetry } from './telemetry.ts';

export async function ingestPages(files: string[], library: Pick<Library, 'ingest'>, logger: Logger, telemetry?: Telemetry, signal?: AbortSignal): Promise<IngestCounts> {
  const { changedIds: _changed, rejected, ...counts } = await library.ingest(files, undefined, signal);
  const summary = { ...counts, rejected: rejected.length };
  telemetry?.ingested(summary);
  logger.info(summary, 'ingested pages');
  for (const r of rejected) logger.warn({ file: r.file, reason: r.reason }, 'page rejected');
  return summary;
}

/** Every page in the seeds folder, ingested again: unchanged pages cost a comparison, not a write. */
export async function rescanSeeds(seedsDir: string, library: Pick<Library, 'ingest'>, logger: Logger, telemetry?: Telemetry): Promise<IngestCounts> {
  return ingestPages(await listPageFiles([seedsDir]), library, logger, telemetry);
}
