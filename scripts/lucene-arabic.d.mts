export const STOP_WORDS: ReadonlySet<string>;
export function normalize(word: string): string;
export function stem(word: string): string;
export function analyze(text: string): string[];
