// The HTML helpers live below the bot (src/render-html.ts): the digest renders with them too.
export * from '../../render-html.ts';
