// npm run import -- [--data-dir DIR] [--replace] [--json]   a lowdb DATA_DIR → PostgreSQL (DATABASE_URL)
// npm run export -- [--data-dir DIR] [--replace] [--json]   PostgreSQL (DATABASE_URL) → a lowdb DATA_DIR
// Prints each store's count and checksum on both sides; exit 0 only when every store matches.
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { lowdbBackend } from '../ops/transfer/lowdb-backend.ts';
import { pgBackend } from '../ops/transfer/pg-backend.ts';
import { STORE_LABELS, STORE_NAMES } from '../ops/transfer/summary.ts';
import { DestinationNotEmptyError, type TransferReport, transfer } from '../ops/transfer/transfer.ts';
import { DataDirLockedError } from '../store/data-lock.ts';
import { bodyFilesFor } from '../store/file-io.ts';
import { readArgs } from './args.ts';
import { runCli } from './run.ts';

/** Articles between two progress lines on stderr. */
const PROGRESS_EVERY = 100_000;

function printReport(report: TransferReport): void {
  for (const name of STORE_NAMES) {
    const [s, d] = [report.source[name], report.destination[name]];
    const verdict = report.mismatched.includes(name) ? 'DIFFERENT' : 'same';
    console.log(`${STORE_LABELS[name].padEnd(14)} source ${String(s.count).padStart(8)}  sha256 ${s.checksum}`);
    console.log(`${''.padEnd(14)} dest.  ${String(d.count).padStart(8)}  sha256 ${d.checksum}  ${verdict}`);
  }
}

export function runTransfer(direction: 'import' | 'export'): Promise<void> {
  return runCli(async () => {
    const usage = `npm run ${direction} -- [--data-dir DIR] [--replace] [--json]`;
    const { values } = readArgs({ 'data-dir': { type: 'string' }, replace: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } }, usage);
    const config = loadConfig();
    if (!config.DATABASE_URL) {
      console.error(`error: DATABASE_URL is not set: ${direction} moves data between a lowdb DATA_DIR and PostgreSQL\n\nusage: ${usage}`);
      return 2;
    }
    const logger = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, destination: process.stderr });
    const dataDir = values['data-dir'] ?? config.DATA_DIR;
    const [lowdb, pg] = [lowdbBackend(dataDir, bodyFilesFor(config.BODY_READS)), pgBackend(config.DATABASE_URL, logger)];
    const [from, to] = direction === 'import' ? [lowdb, pg] : [pg, lowdb];
    if (!values.json) console.log(`${direction}: ${from.where} → ${to.where}`);
    let report: TransferReport;
    try {
      report = await transfer(from, to, {
        replace: values.replace,
        progress: (store, copied) => {
          if (copied % PROGRESS_EVERY === 0) console.error(`${store}: ${copied} copied`);
        },
      });
    } catch (error) {
      if (!(error instanceof DestinationNotEmptyError || error instanceof DataDirLockedError)) throw error;
      console.error(`error: ${error.message}`);
      return 1;
    }
    if (values.json) console.log(JSON.stringify({ from: from.where, to: to.where, ...report }));
    else printReport(report);
    if (report.mismatched.length > 0) {
      console.error(`${direction} FAILED: ${report.mismatched.map((n) => STORE_LABELS[n]).join(', ')} differ between ${from.where} and ${to.where}; the destination is not a faithful copy (run again with --replace once the cause is fixed)`);
      return 1;
    }
    if (!values.json) console.log(`${direction} complete: every store has the same count and checksum on both sides`);
    return 0;
  });
}
