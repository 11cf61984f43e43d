// Small measurement helpers for the benchmarks.
export const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** CPU time of the process (all its threads): on a shared machine wall time follows the load. */
export const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function latencySummary(samples: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN };
}

export const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export function heapMb(): number {
  globalThis.gc?.();
  return mb(process.memoryUsage().heapUsed);
}

/** Memory of typed arrays: outside the JS heap, so heapUsed alone would hide the search index. */
export function buffersMb(): number {
  globalThis.gc?.();
  return mb(process.memoryUsage().arrayBuffers);
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);
