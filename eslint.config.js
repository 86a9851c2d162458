// Lint runs with --max-warnings 0. The import boundaries of the house style live here, so they are
// enforced by the linter rather than by hope.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'The console runs in a browser: no Node built-ins.' };
const react = {
  group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'],
  message: 'Services and the protocol never import React or UI state.',
};
const importsOfOtherApps = {
  group: ['../../*/src/*', '../../../apps/*', '**/apps/*/src/**'],
  message: 'Apps never import each other; share code through packages/.',
};

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'bench-results/**', '.var/**', 'test/fixtures/**', 'native/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'warn',
      'no-console': 'warn',
    },
  },
  {
    files: ['packages/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|vitest$|\\.)',
              message: 'packages/protocol depends on zod only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/**/*.ts'],
    ignores: ['packages/protocol/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [react, { group: ['**/apps/**'], message: 'Packages never import apps.' }] },
      ],
    },
  },
  {
    files: ['apps/ingest/**/*.ts', 'apps/camera-sim/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron is imported only in apps/desktop.' }],
          patterns: [react, importsOfOtherApps],
        },
      ],
    },
  },
  {
    files: ['apps/console/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'electron is imported only in apps/desktop.' },
            { name: 'better-sqlite3', message: 'The console never touches the database.' },
            { name: 'socket.io', message: 'The console is a client: use socket.io-client in src/transport/.' },
          ],
          patterns: [nodeBuiltins, importsOfOtherApps],
        },
      ],
    },
  },
  {
    // Only the transport touches socket.io-client; components go through store actions.
    files: ['apps/console/src/**/*.{ts,tsx}'],
    ignores: ['apps/console/src/transport/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'electron is imported only in apps/desktop.' },
            { name: 'socket.io-client', message: 'Only apps/console/src/transport/ touches socket.io-client.' },
            { name: 'socket.io', message: 'The console is a client.' },
            { name: 'better-sqlite3', message: 'The console never touches the database.' },
          ],
          patterns: [nodeBuiltins, importsOfOtherApps],
        },
      ],
    },
  },
  {
    // The Electron shell: contextBridge and ipcRenderer only in the preload.
    files: ['apps/desktop/src/**/*.ts'],
    ignores: ['apps/desktop/src/preload/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportSpecifier[imported.name=/^(contextBridge|ipcRenderer)$/]',
          message: 'contextBridge and ipcRenderer are used only in the preload.',
        },
      ],
      'no-restricted-imports': ['error', { patterns: [react, importsOfOtherApps] }],
    },
  },
);
