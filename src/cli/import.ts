// npm run import: a lowdb DATA_DIR into PostgreSQL (see transfer.ts).
import { runTransfer } from './transfer.ts';

await runTransfer('import');
