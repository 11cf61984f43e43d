// A 1,000-character Arabic title with HTML metacharacters: what no renderer may show whole.
const WORDS = 'عاجل: <وزير> الخارجية & "نظيره" يبحثان الأوضاع في المنطقة ';
export const LONG_TITLE = WORDS.repeat(Math.ceil(1000 / WORDS.length)).slice(0, 1000);
