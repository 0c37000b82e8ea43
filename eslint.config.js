import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const screenImports = {
  patterns: [
    {
      group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'd3', 'd3-*', 'zustand', 'zustand/*', 'comlink'],
      message: 'engine/, data/, experiment/ and lab/ are pure TypeScript: they run in Node, tests and the worker, and know no screen (STYLE.md habit 1).',
    },
    {
      group: ['**/worker/**', '**/store/**', '**/components/**', '**/charts/**', '**/url/**', 'node:*'],
      message: 'engine/, data/, experiment/ and lab/ import nothing from the layers above them, nor Node built-ins.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'coverage', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Function']", message: 'No new Function: the app runs under a strict CSP.' }],
      'no-eval': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/components/**', 'src/charts/**', 'src/store/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src/engine/**', 'src/data/**', 'src/experiment/**', 'src/lab/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', screenImports],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'The engine knows no screen.' },
        { name: 'document', message: 'The engine knows no screen.' },
        { name: 'self', message: 'The engine knows no worker.' },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Randomness is passed in: use createRng(seed) (STYLE.md habit 5).' }],
    },
  },
);
