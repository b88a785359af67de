// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';

/**
 * The server's layers, bottom first. A folder imports only from layers below it, never a sibling of
 * its own layer, so no two folders can form a cycle; shared/ (the protocol) sits under all of them.
 */
const SERVER_LAYERS = [
  ['kernel'],
  ['cache', 'db', 'compute'],
  ['market'],
  ['streams'],
  // The tickers read the market beside the analysis; the chat and the transports read them.
  ['analysis', 'tickers'],
  ['predict'],
  // Alerts watch the streams' ticks and indicators; the chat creates and lists them.
  ['alerts'],
  ['chat', 'auth', 'workspace'],
  ['http', 'realtime'],
  ['app'],
  ['main.ts'],
];
const LAYER_ORDER = SERVER_LAYERS.map((layer) => layer.join('/')).join(' ← ');
const serverPath = (name) => `./server/src/${name}`;
const layerZones = SERVER_LAYERS.flatMap((layer, i) =>
  layer.map((name) => {
    const above = SERVER_LAYERS.slice(i + 1).flat();
    const siblings = layer.filter((other) => other !== name);
    return {
      target: serverPath(name),
      from: [...siblings, ...above].map(serverPath),
      message: `server/src/${name} may import only layers below it: ${LAYER_ORDER}.`,
    };
  }),
).filter((zone) => zone.from.length > 0);

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
    files: ['server/src/**/*.ts', 'client/src/**/*.{ts,tsx}', 'shared/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: {
      // Value imports only: a type-only import that closes a loop costs nothing at run time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
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
          paths: [
            ...adapterOnly,
            {
              name: 'zod',
              message: 'Full zod is 80 KB of the first paint: use zod/mini, or validate in shared/.',
            },
          ],
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
