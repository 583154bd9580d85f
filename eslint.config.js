// One linter for the project: typescript-eslint's recommended type-aware rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'artifacts/', 'scratch/', 'dist/', 'web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The front end shares the server's payload types, never its code (esbuild erases type imports only),
    // except the pure rules that import nothing (test/architecture/layers.test.ts checks that).
    files: ['web/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**/*.ts', '!**/server/domain/typography.ts'],
              allowTypeImports: true,
              message: 'Import only types from the server.',
            },
          ],
        },
      ],
    },
  },
);
