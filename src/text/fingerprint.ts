// A short fingerprint of a text: stamps say which code made stored data by hashing that code's
// output on probe inputs, so that a change of behaviour changes the stamp without anyone bumping
// it. Not for security. Pure.

/** FNV-1a (32 bits) over the code points of `text`, in base 36. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (const ch of text) {
    hash ^= ch.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
