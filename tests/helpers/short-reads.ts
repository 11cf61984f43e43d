// File reads answered short, as a network file system may answer them.
import type { FileIo, FileIoSource } from '../../src/store/file-io.ts';

/**
 * Reads answered at most `cap` bytes at a time. Counts the reads, and the asks for a file's size
 * (a body reader asks only to read a file whole).
 */
export function shortReads(files: FileIoSource, cap: number) {
  const seen = { reads: 0, sizes: 0 };
  const source: FileIoSource = {
    get io(): FileIo {
      const io = files.io;
      return { ...io, readAt: (fd, length, position) => (seen.reads++, io.readAt(fd, Math.min(length, cap), position)), size: (fd) => (seen.sizes++, io.size(fd)) };
    },
  };
  return { source, seen };
}
