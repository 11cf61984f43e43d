// Zoned time lives below the digest (src/time.ts): page dates are read in a time zone too.
export * from '../time.ts';
