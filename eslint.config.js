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
      // `const { drop, ...kept } = value` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read what the fakes recorded (Bot API payloads, provider request bodies, CLI JSON) as
    // parsed JSON and assert on it: the assertion is the type check, so reading a field of such a
    // value is allowed here. Declaring `any` still needs a comment saying why.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  { files: ['eslint.config.js'], extends: [tseslint.configs.disableTypeChecked] },
);
