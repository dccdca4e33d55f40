// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', '.data/**', 'manifest/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // DESIGN.md §2: the domain stays free of the bot framework so the bot layer can move SDKs.
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['botbuilder', 'botbuilder-*', 'botframework-*'],
              message: 'src/services must not import the bot framework (DESIGN.md §2).',
            },
            {
              group: ['restify', 'restify-*'],
              message: 'src/services must not import restify (DESIGN.md §2).',
            },
            {
              group: ['adaptivecards-templating', 'adaptivecards'],
              message: 'src/services must not import card templating (DESIGN.md §2).',
            },
            {
              group: ['**/bot/**', '**/dialogs/**', '**/cards/**'],
              message: 'src/services imports nothing from the outer layers.',
            },
            { group: ['**/sandbox/**'], message: 'src/services must not depend on the sandbox.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'sandbox/main.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
