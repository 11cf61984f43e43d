// The buttons' data format lives below the bot (src/callback-data.ts): the digest packs buttons too.
export * from '../callback-data.ts';
