// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * Type-aware linting (DESIGN.md §3) plus the layer rules of DESIGN.md §2, enforced here rather
 * than remembered: domain/ imports only domain/; app/ never reaches into drivers or HTTP;
 * http/ and cli/ never touch store/ directly.
 */
/** @param {{ group: string[]; message: string }[]} patterns */
const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.localpay/**', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['eslint.config.js', 'scripts/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'Use as-const arrays and string-literal unions, not enum (DESIGN.md §3).',
        },
      ],
    },
  },
  {
    // A merchant's own JavaScript suite, copied into a scratch project by the packed-tarball test:
    // it imports the installed package, which this repository's type information cannot see.
    files: ['test/package/fixture/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // No import circles in src/ (issue 15): a module is loaded after everything it imports.
    // Type-only imports do not count; they are erased.
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Configuration is parsed once, below everything that reads it: config/ never imports ipn/.
    files: ['src/config/**/*.ts'],
    rules: restrict([
      { group: ['**/ipn/**'], message: 'config/ is read by ipn/, not the other way round.' },
    ]),
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: restrict([
      {
        group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https'],
        message: 'domain/ is pure: no IO (DESIGN.md §2).',
      },
      {
        group: [
          '**/app/**',
          '**/store/**',
          '**/http/**',
          '**/cli/**',
          '**/ipn/**',
          '**/runtime/**',
          '**/config/**',
        ],
        message: 'domain/ imports only domain/.',
      },
      {
        group: ['fastify', 'kysely', 'better-sqlite3', 'pg', 'zod'],
        message: 'domain/ imports only domain/.',
      },
    ]),
  },
  {
    files: ['src/app/**/*.ts'],
    rules: restrict([
      {
        group: ['**/store/**', '**/http/**', '**/cli/**', '**/runtime/**'],
        message: 'app/ depends on domain/ and its own ports (DESIGN.md §2).',
      },
      {
        group: ['fastify', 'kysely', 'better-sqlite3', 'pg'],
        message: 'app/ names what it needs in ports.ts.',
      },
    ]),
  },
  {
    files: ['src/http/**/*.ts', 'src/cli/**/*.ts'],
    rules: restrict([
      { group: ['**/store/**'], message: 'http/ and cli/ call app/, never store/ (DESIGN.md §2).' },
    ]),
  },
  {
    // Widgets.js is a plain browser script served to merchant pages (not part of the TS project).
    files: ['src/widgets/**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        Promise: 'readonly',
        LOCALPAY: 'readonly',
      },
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
