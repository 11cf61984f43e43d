// Export and import: every store of one backend copied into another, then both read back whole
// and compared by counts and checksums. A destination that already holds anything is refused
// unless the caller asked to replace it, so an import never mixes two bots' data.
import { copyStores, type CopyProgress } from './copy.ts';
import type { Backend, StoreSet } from './store-set.ts';
import { differences, isEmpty, type SetSummary, STORE_LABELS, STORE_NAMES, type StoreName, summarize } from './summary.ts';

export class DestinationNotEmptyError extends Error {
  override name = 'DestinationNotEmptyError';
  constructor(
    readonly where: string,
    readonly summary: SetSummary,
  ) {
    const held = STORE_NAMES.filter((name) => summary[name].count > 0).map((name) => `${STORE_LABELS[name]}: ${summary[name].count}`);
    super(`${where} already holds data (${held.join(', ')}): nothing was copied. Use --replace to empty it first, or choose an empty destination.`);
  }
}

export interface TransferReport {
  source: SetSummary;
  destination: SetSummary;
  /** Stores whose count or checksum differ after the copy: the transfer failed when any. */
  mismatched: StoreName[];
}

async function closing<T>(set: StoreSet, use: (set: StoreSet) => Promise<T>): Promise<T> {
  try {
    return await use(set);
  } finally {
    await set.close();
  }
}

export async function transfer(from: Backend, to: Backend, options: { replace?: boolean; progress?: CopyProgress } = {}): Promise<TransferReport> {
  return closing(await from.open(), async (source) => {
    const sourceSummary = await summarize(source);
    const held = await closing(await to.open(), summarize);
    if (!isEmpty(held)) {
      if (!options.replace) throw new DestinationNotEmptyError(to.where, held);
      await to.empty();
    }
    await closing(await to.open(), (destination) => copyStores(source, destination, options.progress));
    // Read back through a fresh opening: what the destination's backend really holds, not its copy in memory.
    const destination = await closing(await to.open(), summarize);
    return { source: sourceSummary, destination, mismatched: differences(sourceSummary, destination) };
  });
}
