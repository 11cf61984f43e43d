// npm run export: PostgreSQL back into a lowdb DATA_DIR (see transfer.ts).
import { runTransfer } from './transfer.ts';

await runTransfer('export');
