// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Infrastructure clients live only in their adapter folders. */
const adapterOnly = [
  { name: 'ccxt', message: 'Only server/src/market/ccxt/ may import ccxt.' },
  { name: 'ioredis', message: 'Only Redis adapters (server/src/**/redis/) may import ioredis.' },
  { name: 'pg', message: 'Only server/src/db/ may import pg.' },
  { name: '@electric-sql/pglite', message: 'Only server/src/db/ may import PGlite.' },
];

export default tseslint.config(
  { ignores: ['dist/**', '.data/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: [
      'server/src/market/ccxt/**',
      'server/src/db/**',
      'server/src/**/redis/**',
      'server/src/main.ts',
      'server/test/**',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: adapterOnly }] },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: adapterOnly,
          patterns: [
            { group: ['**/server/**', 'server/*'], message: 'The client never imports the server.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: adapterOnly,
          patterns: [{ group: ['**/server/**', '**/client/**'], message: 'shared/ depends on nothing.' }],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.ts', 'server/test/**/*.ts', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
);
