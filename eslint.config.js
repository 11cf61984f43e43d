import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
    },
  },
  {
    // Imports run one way: the layers below the bot, and the digest beside it, never reach into it.
    files: ['src/{text,store,search,ingest,digest}/**/*.ts', 'src/*.ts'],
    ignores: ['src/main.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/bot/**'], message: 'Only src/main.ts wires the bot; share a lower-layer module instead.' }] }],
    },
  },
  // The playground page runs in the browser, as plain ES modules served as they are.
  { files: ['src/playground/page/**/*.js'], languageOptions: { globals: globals.browser, sourceType: 'module' } },
);
