// typescript-eslint's type-checked recommended rules over the whole tree (`npm run lint`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'api/local-chat/page/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Off on purpose: functions that implement a Promise-returning contract (a queue port's
      // methods, Fastify's async plugins and hooks, job handlers) are `async` even when they await
      // nothing, so that a throw becomes a rejection and the signature says Promise; the rule would
      // have each of them hand-write Promise.resolve()/Promise.reject() instead.
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['eslint.config.js'], extends: [tseslint.configs.disableTypeChecked] },
);
