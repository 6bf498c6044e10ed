// `npm run lint` (part of `npm test`): typescript-eslint's recommended rules,
// type-aware for src/ (where the promise rules find real bugs), plain for
// tests and scripts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', performance: 'readonly', URL: 'readonly', TextDecoder: 'readonly', structuredClone: 'readonly', window: 'readonly', document: 'readonly', fetch: 'readonly', AbortController: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      // unused parameters kept for a signature are named _x
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // an array spread into a call passes each element as an argument: a long line's
      // entities overflow the stack (issue 13). Use a loop, concat, or reduce. Only a spread
      // of a path's segments (rel.split('/')), bounded by the path, is allowed.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression > SpreadElement:not([argument.type='CallExpression'][argument.callee.property.name='split'][argument.arguments.0.value='/'])",
          message: 'No spread of an array into a call (it overflows the stack on long inputs): use a loop, concat or reduce.',
        },
        { selector: 'NewExpression > SpreadElement', message: 'No spread of an array into a call (it overflows the stack on long inputs): use a loop.' },
      ],
    },
  },
);
