import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Boundaries (issue 10): services never import each other; libraries never import services; scripts, tools and
// tests use libraries' public entry points only; a service's domain/ imports neither NestJS nor mongoose.
const NEST_AND_STORE = [
  '@nestjs/*',
  'mongoose',
  '@readmission/platform',
  '@readmission/persistence',
  '@readmission/messaging',
  '@readmission/auth',
  '@readmission/time-limits',
  '@readmission/reference-data',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.local/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          // Through test files only: messaging's integration tests use the testing library's Kafka client, which
          // itself publishes through messaging. No production code of either imports the other in a circle.
          ignoredCircularDependencies: [['messaging', 'testing']],
          depConstraints: [
            { sourceTag: 'scope:service', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:tool', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:script', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:test', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    // The one circle the module boundaries accept (messaging <-> testing) stays in test files.
    files: ['libs/messaging/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@readmission/testing', message: 'only tests of messaging may use the testing library.' }] },
      ],
    },
  },
  {
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: NEST_AND_STORE, message: 'domain/ holds pure rules: no NestJS, no store, no transport (issue 10).' }] },
      ],
    },
  },
  prettier,
);
