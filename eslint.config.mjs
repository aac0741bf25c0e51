// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const contexts = [
  'donors',
  'collection',
  'laboratory',
  'components',
  'distribution',
  'transfusion',
  'traceability',
  'sites',
];

/** Boundaries (ARCHITECTURE.md): a lib is imported only through its public index, never by a deep path. */
const noDeepImports = {
  group: [
    '@hemotrace/*/src/*',
    '@hemotrace/*/*',
    '!@hemotrace/event-sourcing/testing',
    '!@hemotrace/messaging/testing',
    '!@hemotrace/*/contracts',
    '../../*/src/*',
    '../../../*/src/*',
  ],
  message: 'Import another library only through its public index (@hemotrace/<lib>).',
};

/** The CLI, the bench and the tests may also use a context's declared tooling entry (.dependency-cruiser.js). */
const noDeepImportsForTools = {
  ...noDeepImports,
  group: [...noDeepImports.group, '!@hemotrace/*/tooling'],
  message: 'Import another library only through @hemotrace/<lib>, its /contracts or its /tooling entry.',
};

/** Domain folders are pure TypeScript: no framework, no I/O, no clock. */
const domainRestrictions = {
  patterns: [
    noDeepImports,
    {
      group: [
        '@nestjs/*',
        'better-sqlite3',
        'pg',
        'kafkajs',
        '@kurrent/*',
        'class-validator',
        'class-transformer',
        'fs',
        'node:*',
      ],
      message: 'Domain code imports no framework and does no I/O.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [noDeepImports] }],
    },
  },
  {
    files: ['apps/cli/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noDeepImportsForTools] }] },
  },
  ...contexts.map((context) => ({
    files: [`libs/${context}/src/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noDeepImports,
            {
              group: contexts.filter((c) => c !== context).map((c) => `../../${c}/**`),
              message: 'Reach another context through @hemotrace/<context> only.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['libs/*/src/domain/**/*.ts', 'libs/kernel/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', domainRestrictions],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The domain never reads a clock: time comes in with the command.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The domain never reads a clock: time comes in with the command.',
        },
      ],
    },
  },
);
