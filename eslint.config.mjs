import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', 'test/e2e/out/**', '.vscode-test/**', 'examples/**', 'test/live/*.bench.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Build, test and demo scripts run in Node; the browser-side code Playwright evaluates also sees DOM globals.
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // Only the editor layer may import vscode.
    files: ['src/cron/**', 'src/discovery/**', 'src/findings/**', 'src/zenml/**', 'src/orchestrators/**', 'src/cli/**', 'src/workspace/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Keep the engine free of vscode: only src/vscode may import it.' }] }] },
  },
);
