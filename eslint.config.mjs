// Lint rules for the whole workspace. The module-boundary constraints encode design.md §2:
// apps never import apps; domain libs hold pure logic (no NestJS, transports or databases).
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const transportAndFrameworkPackages = [
  '@nestjs/*',
  '@grpc/*',
  'kafkajs',
  'typeorm',
  'pg',
  '@electric-sql/*',
  'libp2p',
  '@libp2p/*',
  '@chainsafe/*',
  'ws',
  'express',
];

export const moduleBoundaries = {
  enforceBuildableLibDependency: false,
  allow: [],
  depConstraints: [
    {
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: ['type:infra', 'type:domain', 'type:contracts'],
    },
    {
      sourceTag: 'type:infra',
      onlyDependOnLibsWithTags: ['type:infra', 'type:domain', 'type:contracts'],
    },
    {
      sourceTag: 'type:domain',
      onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'],
      bannedExternalImports: transportAndFrameworkPackages,
    },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
    // The local network loads the built apps at run time (design.md §7), never by import.
    {
      sourceTag: 'type:launcher',
      onlyDependOnLibsWithTags: ['type:infra', 'type:domain', 'type:contracts'],
    },
    {
      sourceTag: 'type:testing',
      onlyDependOnLibsWithTags: ['type:testing', 'type:infra', 'type:domain', 'type:contracts'],
    },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    {
      sourceTag: 'scope:gossip-node',
      onlyDependOnLibsWithTags: ['scope:gossip-node', 'scope:shared'],
    },
    {
      sourceTag: 'scope:ban-service',
      onlyDependOnLibsWithTags: ['scope:ban-service', 'scope:shared'],
    },
    {
      sourceTag: 'scope:kafka-bridge',
      onlyDependOnLibsWithTags: ['scope:kafka-bridge', 'scope:shared'],
    },
    {
      sourceTag: 'scope:ws-gateway',
      onlyDependOnLibsWithTags: ['scope:ws-gateway', 'scope:shared'],
    },
    { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:tools', 'scope:shared'] },
    { sourceTag: 'scope:local-network', onlyDependOnLibsWithTags: ['scope:shared'] },
  ],
};

// Tests may also use the shared test infrastructure.
const moduleBoundariesInTests = {
  ...moduleBoundaries,
  depConstraints: moduleBoundaries.depConstraints.map((c) =>
    c.onlyDependOnLibsWithTags?.includes('type:domain') || c.sourceTag.startsWith('type:')
      ? {
          ...c,
          onlyDependOnLibsWithTags: [...new Set([...c.onlyDependOnLibsWithTags, 'type:testing'])],
        }
      : c,
  ),
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.nx/**',
      '**/.cache/**',
      'libs/contracts/src/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundariesInTests] },
  },
  {
    files: ['libs/dashboard/assets/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', 'scripts/**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  prettier,
);
